// The request ending early: the client leaving, a client that stops reading, a peer that vanished.
import { connect, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpReceiveEvent } from '../../src/index.js';
import type { TestServer } from './helpers.js';
import { deferred, fetchOutcome, listenWith, MiB, watchRss } from './helpers.js';

/** What an app saw of the end of its request. */
interface Seen {
  event?: HttpReceiveEvent;
  again?: HttpReceiveEvent;
  signalAborted?: boolean;
  signalReason?: unknown;
  sendError?: unknown;
  cleanedUp?: boolean;
}

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  vi.restoreAllMocks();
});

/** Opens a raw connection and sends a GET; the test decides when the client goes away. */
function openRequest(port: number, path = '/'): Socket {
  const socket = connect(port, '127.0.0.1');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  socket.on('error', () => {});
  return socket;
}

describe('toNodeHandler: the client going away', () => {
  it('ends a waiting receive with client-closed, aborts scope.signal, and rejects later sends', async () => {
    const seen: Seen = {};
    const waiting = deferred();
    const done = deferred();
    running = await listenWith(async (scope, receive, send) => {
      try {
        await receive(); // the empty body
        waiting.resolve();
        seen.event = await receive();
        seen.again = await receive();
        seen.signalAborted = scope.signal.aborted;
        seen.signalReason = scope.signal.reason;
        await send({ type: 'http.response.start', status: 200 });
      } catch (error) {
        seen.sendError = error;
      } finally {
        done.resolve();
      }
    });
    const client = openRequest(running.port);
    await waiting.promise;
    client.destroy();
    await done.promise;
    expect(seen.event).toEqual({ type: 'http.disconnect', reason: 'client-closed' });
    expect(seen.again).toEqual(seen.event);
    expect(seen.signalAborted).toBe(true);
    expect(seen.signalReason).toMatchObject({ name: 'ClientDisconnectedError', reason: 'client-closed' });
    expect(seen.sendError).toMatchObject({ code: 'ERR_CLIENT_DISCONNECTED', reason: 'client-closed' });
  });

  it('tells every pipelined request waiting on the connection, the queued ones too', async () => {
    const count = 12; // more than Node's default of 10 listeners per event
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const heard = new Map<string, HttpReceiveEvent>();
    const allWaiting = deferred();
    const allHeard = deferred();
    let waiting = 0;
    running = await listenWith(async (scope, receive) => {
      await receive(); // the empty body
      if (++waiting === count) allWaiting.resolve();
      // All but the first are queued behind it: their responses have no socket to tell them.
      heard.set(scope.path, await receive());
      if (heard.size === count) allHeard.resolve();
    });
    const client = connect(running.port, '127.0.0.1');
    client.on('error', () => {});
    const paths = Array.from({ length: count }, (_, i) => `/${i}`);
    client.write(paths.map((path) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''));
    await allWaiting.promise;
    client.destroy();
    await allHeard.promise;
    process.off('warning', onWarning);
    const gone = { type: 'http.disconnect', reason: 'client-closed' };
    expect(Object.fromEntries(heard)).toEqual(Object.fromEntries(paths.map((path) => [path, gone])));
    expect(warnings.map((warning) => warning.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('aborts scope.signal as the client leaves, for work that only watches the signal', async () => {
    const aborted = deferred<unknown>();
    const listening = deferred();
    running = await listenWith(async (scope) => {
      scope.signal.addEventListener('abort', () => aborted.resolve(scope.signal.reason));
      listening.resolve();
      await new Promise((resolve) => scope.signal.addEventListener('abort', resolve));
    });
    const client = openRequest(running.port);
    await listening.promise;
    client.destroy();
    expect(await aborted.promise).toMatchObject({ code: 'ERR_CLIENT_DISCONNECTED', reason: 'client-closed' });
  });

  it('rejects the send of an app that was busy elsewhere when the client left', async () => {
    const busy = deferred();
    const release = deferred();
    const failure = deferred<unknown>();
    running = await listenWith(async (_scope, _receive, send) => {
      busy.resolve();
      await release.promise;
      await send({ type: 'http.response.start', status: 200 }).catch((error: unknown) =>
        failure.resolve(error),
      );
    });
    const client = openRequest(running.port);
    await busy.promise;
    client.destroy();
    await new Promise<void>((resolve) => {
      const poll = () =>
        running!.server.getConnections((_e, n) => (n === 0 ? resolve() : setTimeout(poll, 10)));
      poll();
    });
    release.resolve();
    expect(await failure.promise).toMatchObject({ code: 'ERR_CLIENT_DISCONNECTED', reason: 'client-closed' });
  });

  it('after a complete response, receive says response-complete and scope.signal stays unaborted', async () => {
    const seen = deferred<{ event: HttpReceiveEvent; aborted: boolean }>();
    running = await listenWith(async (scope, receive, send) => {
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'done' });
      await receive(); // the empty body, still there to read
      seen.resolve({ event: await receive(), aborted: scope.signal.aborted });
    });
    expect((await fetchOutcome(running.url)).body).toBe('done');
    expect(await seen.promise).toEqual({
      event: { type: 'http.disconnect', reason: 'response-complete' },
      aborted: false,
    });
  });
});

describe('toNodeHandler: a client that stops reading (writeTimeout)', () => {
  it('ends the request with write-timeout, runs the app cleanup, and keeps memory bounded', async () => {
    const seen: Seen & { offered?: number } = {};
    const done = deferred();
    const chunk = Buffer.alloc(MiB, 97);
    running = await listenWith(
      async (_scope, receive, send) => {
        let offered = 0;
        try {
          await send({ type: 'http.response.start', status: 200 });
          while (offered < 1024 * MiB) {
            await send({ type: 'http.response.body', body: chunk, more: true });
            offered += chunk.length;
          }
        } catch (error) {
          seen.sendError = error;
          seen.event = await receive().then(() => receive());
        } finally {
          seen.offered = offered;
          seen.cleanedUp = true;
          done.resolve();
        }
      },
      { writeTimeout: 500 },
    );
    const rss = watchRss();
    const opened = Date.now();
    const client = openRequest(running.port);
    client.pause(); // never reads, never closes
    await done.promise;
    const noticedAfter = Date.now() - opened;
    const growth = rss.stop();
    client.destroy();
    expect(seen.sendError).toMatchObject({ code: 'ERR_CLIENT_DISCONNECTED', reason: 'write-timeout' });
    expect(seen.event).toEqual({ type: 'http.disconnect', reason: 'write-timeout' });
    expect(seen.cleanedUp).toBe(true);
    expect(seen.offered).toBeLessThan(256 * MiB); // send waited for the socket instead of buffering
    expect(growth).toBeLessThan(64 * MiB);
    // Buffers fill in moments, then the 500 ms write timeout: a generous bound, not a timing test.
    expect(noticedAfter).toBeLessThan(10_000);
  }, 60_000);
});

describe('toNodeHandler: heartbeat', () => {
  it('turns on TCP keep-alive probes on the connection', async () => {
    const probe = vi.spyOn(Socket.prototype, 'setKeepAlive');
    running = await listenWith(
      async (_scope, _receive, send) => {
        await send({ type: 'http.response.start', status: 204 });
        await send({ type: 'http.response.body' });
      },
      { heartbeat: 1_500 },
    );
    await fetchOutcome(running.url);
    expect(probe).toHaveBeenCalledWith(true, 1_500);
  });

  it('reports a peer found dead by the probes (ETIMEDOUT) as heartbeat', async () => {
    const waiting = deferred();
    const ended = deferred<HttpReceiveEvent>();
    running = await listenWith(
      async (_scope, receive) => {
        await receive();
        waiting.resolve();
        ended.resolve(await receive());
      },
      { heartbeat: 60_000 },
    );
    const serverSide = new Promise<Socket>((resolve) => running!.server.once('connection', resolve));
    openRequest(running.port);
    const socket = await serverSide;
    await waiting.promise;
    // What the kernel reports when keep-alive probes go unanswered.
    socket.destroy(Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT' }));
    expect(await ended.promise).toEqual({ type: 'http.disconnect', reason: 'heartbeat' });
  });
});
