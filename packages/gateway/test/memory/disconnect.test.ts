import type { App, ReceiveEvent } from '@flagon/gateway';
import {
  ClientDisconnectedError,
  createLogger,
  createMemoryTransport,
  isClientDisconnected,
} from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

/** What an app saw of a disconnect, recorded from inside it. */
interface Observed {
  received?: ReceiveEvent;
  receivedAgain?: ReceiveEvent;
  signalReason?: unknown;
  sendError?: unknown;
  cleanedUp?: boolean;
}

/** Starts a response, then waits on receive for the client to go away and records what it sees. */
function watchingApp(observed: Observed, firstChunk: boolean): App {
  return async (scope, receive, send) => {
    if (scope.type !== 'http') return;
    try {
      await send({ type: 'http.response.start', status: 200 });
      if (firstChunk) await send({ type: 'http.response.body', body: 'first', more: true });
      await receive(); // the empty final request chunk
      observed.received = await receive();
      observed.receivedAgain = await receive();
      observed.signalReason = scope.signal.reason;
      await send({ type: 'http.response.body', body: 'too late' });
    } catch (error) {
      observed.sendError = error;
      throw error;
    } finally {
      observed.cleanedUp = true;
    }
  };
}

describe('memory transport: the client going away', () => {
  it('tells the app through receive, scope.signal and a rejected send, and its finally runs', async () => {
    const observed: Observed = {};
    const lines: string[] = [];
    const transport = createMemoryTransport(watchingApp(observed, true), {
      logger: createLogger('debug', (line) => lines.push(line)),
    });
    const res = await transport.request({ path: '/' });
    for await (const chunk of res.body) {
      expect(new TextDecoder().decode(chunk)).toBe('first');
      break;
    }
    await res.completed;
    expect(observed.received).toEqual({ type: 'http.disconnect', reason: 'client-closed' });
    expect(observed.receivedAgain).toEqual({ type: 'http.disconnect', reason: 'client-closed' });
    expect(observed.signalReason).toBeInstanceOf(ClientDisconnectedError);
    expect(isClientDisconnected(observed.sendError)).toBe(true);
    expect(observed.cleanedUp).toBe(true);
    // Stopping because the client left is not an app error: logged at debug level only.
    expect(res.error).toBeUndefined();
    expect(lines.join('')).toMatch(
      /DEBUG GET \/: the app stopped after the client disconnected \(client-closed\)/,
    );
    expect(lines.join('')).not.toMatch(/ERROR/);
    await transport.close();
  });

  it('disconnects on res.disconnect(), with the reason given, and errors the unread body', async () => {
    const observed: Observed = {};
    const transport = createMemoryTransport(watchingApp(observed, false));
    const res = await transport.request({ path: '/' });
    res.disconnect('write-timeout');
    await res.completed;
    expect(observed.received).toEqual({ type: 'http.disconnect', reason: 'write-timeout' });
    expect((observed.signalReason as ClientDisconnectedError).reason).toBe('write-timeout');
    expect(observed.cleanedUp).toBe(true);
    await expect(res.text()).rejects.toSatisfy(isClientDisconnected);
    await expect(res.trailers).rejects.toSatisfy(isClientDisconnected);
    await transport.close();
  });

  it('rejects the request when its signal aborts before the response starts, and the app sees it', async () => {
    let seen: ReceiveEvent | undefined;
    const app: App = async (scope, receive) => {
      if (scope.type !== 'http') return;
      await receive();
      seen = await receive();
      scope.signal.throwIfAborted();
    };
    const transport = createMemoryTransport(app);
    const controller = new AbortController();
    const pending = transport.request({ path: '/slow', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(ClientDisconnectedError);
    await transport.close();
    expect(seen).toEqual({ type: 'http.disconnect', reason: 'client-closed' });
  });

  it('leaves a complete response alone: a late disconnect changes nothing', async () => {
    let after: ReceiveEvent | undefined;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'all' });
      await gate;
      after = await _receive();
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(await res.text()).toBe('all');
    res.disconnect();
    release();
    await res.completed;
    expect(after).toEqual({ type: 'http.disconnect', reason: 'response-complete' });
    await transport.close();
  });
});
