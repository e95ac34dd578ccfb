// What the rule cases share: the case shape, fake calls of a validated app, and small apps.
import type { App, HttpScope, Receive, RuleId, SendEvent } from '../../src/index.js';
import { validate } from '../../src/index.js';
import { abortedSignal, fakeServer, httpScope, lifespanScope } from './fakes.js';
export interface Case {
  rule: RuleId;
  where: string;
  got: string;
  run(): Promise<void>;
}

export function httpCall(app: App, scope: HttpScope = httpScope(), script?: unknown[]): Promise<void> {
  const server = fakeServer(script);
  return validate(app)(scope, server.receive, server.send);
}

export function lifespanCall(app: App, script: unknown[] = [{ type: 'lifespan.startup' }]): Promise<void> {
  const server = fakeServer(script);
  return validate(app)(lifespanScope(), server.receive, async () => {});
}

/** An app that reads the body, then sends `events` in order. */
export function sending(...events: unknown[]): App {
  return async (_scope, receive, send) => {
    await receive();
    for (const event of events) await send(event as SendEvent);
  };
}

export const start = { type: 'http.response.start', status: 200 } as const;
export const end = { type: 'http.response.body', body: 'ok' } as const;
export const ok = sending(start, end);
export const scopeWith = (overrides: Partial<Record<keyof HttpScope, unknown>>) => () =>
  httpCall(ok, httpScope(overrides));
export const drainedScope = () => httpScope({ drain: abortedSignal() });
export const CLIENT_GONE = 'ClientDisconnectedError: client disconnected (client-closed)';

/** Reads three events, so a scripted server gets to say its next two after the body. */
export async function readThree(_scope: unknown, receive: Receive): Promise<void> {
  await receive();
  await receive();
  await receive();
}

/** A lifespan app that follows the protocol. */
export const lifespanApp: App = async (_scope, receive, send) => {
  await receive();
  await send({ type: 'lifespan.startup.complete' });
  await receive();
  await send({ type: 'lifespan.shutdown.complete' });
};
