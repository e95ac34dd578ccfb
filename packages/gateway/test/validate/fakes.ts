// Hand-written stand-ins for a server's side of a call: a scope, and a receive/send pair that plays a script.
import { ClientDisconnectedError } from '../../src/errors.js';
import type { HttpScope, LifespanScope, ReceiveEvent, SendEvent } from '../../src/types.js';

/** A well-formed http scope; `overrides` replaces keys, including with wrong types. */
export function httpScope(overrides: Partial<Record<keyof HttpScope, unknown>> = {}): HttpScope {
  return {
    type: 'http',
    gateway: { version: '1.0' },
    httpVersion: '1.1',
    method: 'GET',
    scheme: 'http',
    path: '/',
    rawPath: '/',
    queryString: '',
    rootPath: '',
    headers: [['host', 'example.test']],
    client: { host: '127.0.0.1', port: 50000 },
    server: { host: '127.0.0.1', port: 8000 },
    state: {},
    extensions: {},
    signal: new AbortController().signal,
    drain: new AbortController().signal,
    ...overrides,
  } as HttpScope;
}

export function lifespanScope(): LifespanScope {
  return { type: 'lifespan', gateway: { version: '1.0' }, state: {} };
}

/** A signal already aborted the way a server aborts it when the client goes away. */
export function goneSignal(): AbortSignal {
  return AbortSignal.abort(new ClientDisconnectedError('client-closed'));
}

export function abortedSignal(): AbortSignal {
  return AbortSignal.abort();
}

export const BODILESS: ReceiveEvent = { type: 'http.request', body: new Uint8Array(0), more: false };

/**
 * A scripted server side: `receive` resolves with `script` in order, then pends until the app sent a
 * final body event and resolves with the `response-complete` disconnect. `send` records what reached it.
 */
export function fakeServer(script: unknown[] = [BODILESS]) {
  const sent: SendEvent[] = [];
  const queue = [...script];
  let complete!: () => void;
  const completed = new Promise<void>((resolve) => {
    complete = resolve;
  });
  return {
    sent,
    async receive(): Promise<ReceiveEvent> {
      if (queue.length > 0) return queue.shift() as ReceiveEvent;
      await completed;
      return { type: 'http.disconnect', reason: 'response-complete' };
    },
    async send(event: SendEvent): Promise<void> {
      sent.push(event);
      if (event.type === 'http.response.body' && !event.more) complete();
    },
  };
}

/** The rejection of `promise`, or a failure if it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
