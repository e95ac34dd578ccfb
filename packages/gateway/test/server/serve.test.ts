// The reference server in-process: lifespan around listening, the access log, timeouts, and the drain.
import { Agent, get } from 'node:http';
import { connect, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App, HttpReceiveEvent } from '../../src/index.js';
import { LifespanShutdownError, LifespanStartupError } from '../../src/index.js';
import type { RunningServer, ServeOptions } from '../../src/server/index.js';
import { serve } from '../../src/server/index.js';
import type { HttpApp } from '../node/helpers.js';
import { captureLogger, deferred, fetchOutcome, rawExchange } from '../node/helpers.js';
import { canConnect, freePort } from './ports.js';

/** An app with a lifespan (recorded in `log`) whose requests are handled by `http`. */
function withLifespan(
  http: HttpApp,
  log: string[] = [],
  hooks: { startup?: () => Promise<void> | void; shutdown?: () => Promise<void> | void } = {},
): App {
  return async (scope, receive, send) => {
    if (scope.type === 'http') return http(scope, receive as never, send as never);
    for (;;) {
      const event = await receive();
      if (event.type === 'lifespan.startup') {
        try {
          await hooks.startup?.();
        } catch (error) {
          await send({ type: 'lifespan.startup.failed', message: String((error as Error).message) });
          return;
        }
        scope.state.db = 'connected';
        log.push('startup');
        await send({ type: 'lifespan.startup.complete' });
      } else if (event.type === 'lifespan.shutdown') {
        try {
          await hooks.shutdown?.();
        } catch (error) {
          await send({ type: 'lifespan.shutdown.failed', message: String((error as Error).message) });
          return;
        }
        log.push('shutdown');
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
    }
  };
}

const hello: HttpApp = async (scope, _receive, send) => {
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: `Hello from ${scope.path} (db ${String(scope.state.db)})` });
};

const started: RunningServer[] = [];
async function start(app: App, options: ServeOptions = {}): Promise<RunningServer> {
  const server = await serve(app, { port: 0, accessLog: false, logger: captureLogger(), ...options });
  started.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.drain().catch(() => {})));
});

describe('serve: lifespan and listening', () => {
  it('runs the lifespan startup before the port opens, and its state reaches every request', async () => {
    const port = await freePort();
    let openDuringStartup: boolean | undefined;
    const app = withLifespan(hello, [], {
      startup: async () => {
        openDuringStartup = await canConnect(port);
      },
    });
    const server = await start(app, { port });
    expect(openDuringStartup).toBe(false);
    expect(server.url).toBe(`http://127.0.0.1:${port}`);
    expect(server.address).toEqual({ host: '127.0.0.1', port });
    expect((await fetchOutcome(`${server.url}/hi`)).body).toBe('Hello from /hi (db connected)');
  });

  it('rejects with LifespanStartupError carrying the app message, and never opens the port', async () => {
    const port = await freePort();
    const app = withLifespan(hello, [], {
      startup: () => {
        throw new Error('cannot reach the database');
      },
    });
    await expect(start(app, { port })).rejects.toThrow(LifespanStartupError);
    await expect(start(app, { port })).rejects.toThrow('cannot reach the database');
    expect(await canConnect(port)).toBe(false);
  });

  it('picks a free port for port 0 and logs where it listens', async () => {
    const logger = captureLogger('info');
    const server = await start(withLifespan(hello), { logger });
    expect(server.address.port).toBeGreaterThan(0);
    expect(logger.text()).toContain(`INFO Listening on http://127.0.0.1:${server.address.port}\n`);
  });

  it('rejects with the listen error when the port is taken, after shutting the lifespan down', async () => {
    const log: string[] = [];
    const first = await start(withLifespan(hello));
    await expect(start(withLifespan(hello, log), { port: first.address.port! })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
    expect(log).toEqual(['startup', 'shutdown']);
  });

  it('rejects drain() with LifespanShutdownError when the app shutdown fails', async () => {
    const server = await serve(
      withLifespan(hello, [], {
        shutdown: () => {
          throw new Error('flush failed');
        },
      }),
      { port: 0, accessLog: false, logger: captureLogger() },
    );
    await expect(server.drain()).rejects.toThrow(LifespanShutdownError);
    await expect(server.closed).rejects.toThrow('flush failed');
  });
});

describe('serve: connections', () => {
  it('keeps connections alive across requests', async () => {
    const server = await start(withLifespan(hello));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ports: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await new Promise<void>((resolve, reject) => {
        get(server.url, { agent }, (res) => {
          ports.push(res.socket.localPort ?? -1);
          res.resume().on('end', resolve);
        }).on('error', reject);
      });
    }
    agent.destroy();
    expect(new Set(ports).size).toBe(1);
  });

  it('answers 408 and closes a connection whose headers do not arrive within headersTimeout', async () => {
    const server = await start(withLifespan(hello), { headersTimeout: 300, requestTimeout: 600 });
    const { text, closed } = await rawExchange(server.address.port!, 'GET / HTTP/1.1\r\nHost: x\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(closed).toBe(true);
  });

  it('turns on TCP keep-alive probes on each connection (heartbeat)', async () => {
    const probe = vi.spyOn(Socket.prototype, 'setKeepAlive');
    const server = await start(withLifespan(hello), { heartbeat: 2_500 });
    await fetchOutcome(server.url);
    expect(probe).toHaveBeenCalledWith(true, 2_500);
    probe.mockRestore();
  });

  it('refuses a body over maxBodySize with 413', async () => {
    const server = await start(withLifespan(hello), { maxBodySize: 10 });
    const outcome = await fetchOutcome(server.url, { method: 'POST', body: 'x'.repeat(11) });
    expect(outcome.status).toBe(413);
  });
});

describe('serve: access log', () => {
  it('writes one common-log-format line per request', async () => {
    const lines: string[] = [];
    const server = await start(withLifespan(hello), { accessLog: (line) => lines.push(line) });
    await fetchOutcome(`${server.url}/a/b?c=d`);
    await rawExchange(server.address.port!, 'GET /q"uote HTTP/1.0\r\n\r\n');
    expect(lines).toHaveLength(2);
    const date = String.raw`\[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\]`;
    expect(lines[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1 - - ${date} "GET /a/b\\?c=d HTTP/1\\.1" 200 30$`));
    expect(lines[1]).toMatch(
      new RegExp(`^127\\.0\\.0\\.1 - - ${date} "GET /q\\\\"uote HTTP/1\\.0" 200 \\d+$`),
    );
  });

  it('logs - for the status and size of a request whose client left before any response', async () => {
    const lines: string[] = [];
    const waiting = deferred();
    const server = await start(
      withLifespan(async (_scope, receive) => {
        await receive();
        waiting.resolve();
        await receive();
      }),
      { accessLog: (line) => lines.push(line) },
    );
    const client = connect(server.address.port!, '127.0.0.1');
    client.write('GET /gone HTTP/1.1\r\nHost: x\r\n\r\n');
    await waiting.promise;
    client.destroy();
    await new Promise<void>((resolve) => {
      const poll = () => (lines.length > 0 ? resolve() : setTimeout(poll, 10));
      poll();
    });
    expect(lines[0]).toMatch(/^127\.0\.0\.1 - - \[.+\] "GET \/gone HTTP\/1\.1" - -$/);
  });
});

describe('serve: drain', () => {
  it('lets in-flight requests finish, refuses new connections, then runs the lifespan shutdown', async () => {
    const log: string[] = [];
    const inFlight = deferred();
    const finish = deferred();
    const server = await start(
      withLifespan(async (scope, _receive, send) => {
        inFlight.resolve();
        await finish.promise;
        log.push('request done');
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body', body: `drain.aborted=${scope.drain.aborted}` });
      }, log),
    );
    const outcome = fetchOutcome(server.url);
    await inFlight.promise;
    const drained = server.drain().then(() => log.push('drained'));
    expect(await canConnect(server.address.port!)).toBe(false);
    finish.resolve();
    const response = await outcome;
    await drained;
    expect(response).toMatchObject({ status: 200, body: 'drain.aborted=true', complete: true });
    expect(response.headers.connection).toBe('close');
    expect(log).toEqual(['startup', 'request done', 'shutdown', 'drained']);
    await server.closed;
  });

  it('closes idle keep-alive connections at once instead of waiting for their timeout', async () => {
    const server = await start(withLifespan(hello), { keepAliveTimeout: 60_000 });
    const agent = new Agent({ keepAlive: true });
    const socket = await new Promise<Socket>((resolve, reject) => {
      get(server.url, { agent }, (res) => {
        const used = res.socket;
        res.resume().on('end', () => resolve(used));
      }).on('error', reject);
    });
    const closed = new Promise((resolve) => socket.once('close', resolve));
    await server.drain(); // would hang for the 60 s keep-alive if idle connections were left open
    await closed;
    agent.destroy();
  });

  it('lets a response already handed over finish reaching a slow client before closing its connection', async () => {
    const size = 16 * 1024 * 1024;
    const big = Buffer.alloc(size, 97);
    const server = await start(
      withLifespan(async (_scope, _receive, send) => {
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body', body: big });
      }),
    );
    // The app is done and the whole body is with Node, but the client has read almost none of it.
    const client = connect(server.address.port!, '127.0.0.1');
    client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const received = new Promise<number>((resolve) => {
      let bytes = 0;
      client.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      client.on('close', () => resolve(bytes));
    });
    await new Promise((resolve) => client.once('data', resolve));
    client.pause();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = server.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.resume();
    await drained;
    expect(await received).toBeGreaterThan(size); // the head and the whole body, then the close
  });

  it('waits for waitUntil tasks before the lifespan shutdown', async () => {
    const log: string[] = [];
    const task = deferred();
    const server = await start(
      withLifespan(async (scope, _receive, send) => {
        await send({ type: 'http.response.start', status: 202 });
        await send({ type: 'http.response.body' });
        scope.extensions.tasks?.waitUntil(task.promise.then(() => log.push('task done')));
      }, log),
    );
    expect((await fetchOutcome(server.url)).status).toBe(202);
    const drained = server.drain();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['startup']);
    task.resolve();
    await drained;
    expect(log).toEqual(['startup', 'task done', 'shutdown']);
  });

  it('cuts requests that ignore the notice once gracefulTimeout passes', async () => {
    const logger = captureLogger('info');
    const ended = deferred<HttpReceiveEvent[]>();
    const streaming = deferred();
    const server = await start(
      withLifespan(async (_scope, receive, send) => {
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body', body: 'working', more: true });
        await receive();
        streaming.resolve();
        const events = [await receive()];
        events.push(await receive()); // keeps going past the notice
        ended.resolve(events);
      }),
      { gracefulTimeout: 300, logger },
    );
    const outcome = fetchOutcome(server.url);
    await streaming.promise;
    await server.drain();
    const events = await ended.promise;
    expect(events[0]).toMatchObject({ type: 'http.drain' });
    expect((events[0] as { deadline: number }).deadline).toBeGreaterThan(Date.now() - 60_000);
    expect(events[1]).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    expect(await outcome).toMatchObject({ body: 'working', complete: false });
    expect(logger.text()).toContain('WARN Graceful timeout after 300 ms: cut 1 request(s)');
  });

  it('returns the same promise when drain() is called again', async () => {
    const server = await start(withLifespan(hello));
    expect(server.drain()).toBe(server.drain());
    await server.closed;
  });
});
