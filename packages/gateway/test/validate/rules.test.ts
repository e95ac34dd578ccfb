// One test per rule: a call that breaks it, and the error text it must produce (rule id, where, value).
import { describe, expect, it } from 'vitest';
import type { App, HttpScope, Receive, SendEvent } from '../../src/index.js';
import { RULE_IDS, RULES, type RuleId, specReference, validate } from '../../src/index.js';
import {
  abortedSignal,
  BODILESS,
  fakeServer,
  goneSignal,
  httpScope,
  lifespanScope,
  rejectionOf,
} from './fakes.js';

interface Case {
  rule: RuleId;
  where: string;
  got: string;
  run(): Promise<void>;
}

function httpCall(app: App, scope: HttpScope = httpScope(), script?: unknown[]): Promise<void> {
  const server = fakeServer(script);
  return validate(app)(scope, server.receive, server.send);
}

function lifespanCall(app: App, script: unknown[] = [{ type: 'lifespan.startup' }]): Promise<void> {
  const server = fakeServer(script);
  return validate(app)(lifespanScope(), server.receive, async () => {});
}

/** An app that reads the body, then sends `events` in order. */
function sending(...events: unknown[]): App {
  return async (_scope, receive, send) => {
    await receive();
    for (const event of events) await send(event as SendEvent);
  };
}

const start = { type: 'http.response.start', status: 200 } as const;
const end = { type: 'http.response.body', body: 'ok' } as const;
const ok = sending(start, end);
const scopeWith = (overrides: Partial<Record<keyof HttpScope, unknown>>) => () =>
  httpCall(ok, httpScope(overrides));
const drainedScope = () => httpScope({ drain: abortedSignal() });
const CLIENT_GONE = 'ClientDisconnectedError: client disconnected (client-closed)';

const cases: Case[] = [
  {
    rule: 'call-arguments',
    where: 'app(scope, receive, send)',
    got: '{ scope: null, receive: [function receive], send: [function send] }',
    run: () => {
      const server = fakeServer();
      return validate(ok)(null as unknown as HttpScope, server.receive, server.send);
    },
  },
  { rule: 'scope-type', where: 'scope', got: '"websocket"', run: scopeWith({ type: 'websocket' }) },
  {
    rule: 'gateway-version',
    where: 'scope',
    got: '{ version: "2.0" }',
    run: scopeWith({ gateway: { version: '2.0' } }),
  },
  { rule: 'state-object', where: 'scope', got: '[]', run: scopeWith({ state: [] }) },
  { rule: 'http-version', where: 'scope', got: '"1.2"', run: scopeWith({ httpVersion: '1.2' }) },
  { rule: 'method-token', where: 'scope', got: '"get"', run: scopeWith({ method: 'get' }) },
  { rule: 'scheme', where: 'scope', got: '"ftp"', run: scopeWith({ scheme: 'ftp' }) },
  { rule: 'path-absolute', where: 'scope', got: '"a/b"', run: scopeWith({ path: 'a/b' }) },
  { rule: 'raw-path-absolute', where: 'scope', got: '"/a?b=1"', run: scopeWith({ rawPath: '/a?b=1' }) },
  { rule: 'query-string', where: 'scope', got: '"?b=1"', run: scopeWith({ queryString: '?b=1' }) },
  { rule: 'root-path', where: 'scope', got: '"/api/"', run: scopeWith({ rootPath: '/api/' }) },
  {
    rule: 'scope-header-list',
    where: 'scope.headers[0]',
    got: '["host"]',
    run: scopeWith({ headers: [['host']] }),
  },
  {
    rule: 'scope-header-name',
    where: 'scope.headers[0]',
    got: '"Host"',
    run: scopeWith({ headers: [['Host', 'a']] }),
  },
  {
    rule: 'scope-header-value',
    where: 'scope.headers[0] (x-a)',
    got: '"a\\nb"',
    run: scopeWith({ headers: [['x-a', 'a\nb']] }),
  },
  {
    rule: 'address',
    where: 'scope.client',
    got: '{ host: "h", port: 70000 }',
    run: scopeWith({ client: { host: 'h', port: 70000 } }),
  },
  {
    rule: 'extensions-object',
    where: 'scope',
    got: '{ tasks: {} }',
    run: scopeWith({ extensions: { tasks: {} } }),
  },
  { rule: 'abort-signals', where: 'scope.signal', got: '{}', run: scopeWith({ signal: {} }) },
  {
    rule: 'receive-concurrent',
    where: 'receive',
    got: 'a call while an earlier one is pending',
    run: () =>
      httpCall(
        async (_scope, receive) => {
          void receive();
          await receive();
        },
        httpScope(),
        [],
      ),
  },
  {
    rule: 'receive-event',
    where: 'receive',
    got: '{ type: "http.upgrade" }',
    run: () => httpCall(ok, httpScope(), [{ type: 'http.upgrade' }]),
  },
  {
    rule: 'request-body-type',
    where: 'http.request',
    got: '"text"',
    run: () => httpCall(ok, httpScope(), [{ type: 'http.request', body: 'text', more: false }]),
  },
  {
    rule: 'request-more-type',
    where: 'http.request',
    got: 'undefined',
    run: () => httpCall(ok, httpScope(), [{ type: 'http.request', body: new Uint8Array(1) }]),
  },
  {
    rule: 'request-after-final',
    where: 'receive',
    got: '{ type: "http.request", body: Uint8Array(3), more: false }',
    run: () =>
      httpCall(readThree, httpScope(), [
        BODILESS,
        { type: 'http.request', body: new Uint8Array(3), more: false },
      ]),
  },
  {
    rule: 'drain-deadline',
    where: 'http.drain',
    got: '"soon"',
    run: () => httpCall(readThree, drainedScope(), [BODILESS, { type: 'http.drain', deadline: 'soon' }]),
  },
  {
    rule: 'drain-after-body',
    where: 'receive',
    got: '{ type: "http.drain", deadline: null }',
    run: () => httpCall(ok, drainedScope(), [{ type: 'http.drain', deadline: null }]),
  },
  {
    rule: 'drain-once',
    where: 'receive',
    got: '{ type: "http.drain", deadline: 5 }',
    run: () =>
      httpCall(readThree, drainedScope(), [
        BODILESS,
        { type: 'http.drain', deadline: 5 },
        { type: 'http.drain', deadline: 5 },
      ]),
  },
  {
    rule: 'drain-signal',
    where: 'http.drain',
    got: 'AbortSignal',
    run: () => httpCall(readThree, httpScope(), [BODILESS, { type: 'http.drain', deadline: null }]),
  },
  {
    rule: 'disconnect-reason',
    where: 'http.disconnect',
    got: '"bored"',
    run: () => httpCall(readThree, httpScope(), [BODILESS, { type: 'http.disconnect', reason: 'bored' }]),
  },
  {
    rule: 'disconnect-sticky',
    where: 'receive',
    got: '{ type: "http.request", body: Uint8Array(0), more: false }',
    run: () =>
      httpCall(readThree, httpScope({ signal: goneSignal() }), [
        { type: 'http.disconnect', reason: 'client-closed' },
        BODILESS,
      ]),
  },
  {
    rule: 'disconnect-signal',
    where: 'http.disconnect (client-closed)',
    got: 'a signal not aborted',
    run: () =>
      httpCall(readThree, httpScope(), [BODILESS, { type: 'http.disconnect', reason: 'client-closed' }]),
  },
  {
    rule: 'complete-signal',
    where: 'scope.signal',
    got: CLIENT_GONE,
    run: () =>
      httpCall(readThree, httpScope({ signal: goneSignal() }), [
        BODILESS,
        { type: 'http.disconnect', reason: 'response-complete' },
      ]),
  },
  {
    rule: 'receive-after-response',
    where: 'receive',
    got: '{ type: "http.drain", deadline: null }',
    run: () =>
      httpCall(
        async (_scope, receive, send) => {
          await receive();
          await send(start);
          await send(end);
          await receive();
        },
        drainedScope(),
        [BODILESS, { type: 'http.drain', deadline: null }],
      ),
  },
  {
    rule: 'send-after-abort',
    where: 'http.response.start',
    got: 'a send that resolved',
    run: () => httpCall(ok, httpScope({ signal: goneSignal() })),
  },
  {
    rule: 'event-type',
    where: 'send',
    got: '"http.response.push"',
    run: () => httpCall(sending({ type: 'http.response.push' })),
  },
  {
    rule: 'start-once',
    where: 'http.response.start',
    got: '{ type: "http.response.start", status: 204 }',
    run: () => httpCall(sending(start, { type: 'http.response.start', status: 204 })),
  },
  {
    rule: 'start-before-body',
    where: 'http.response.body',
    got: '{ type: "http.response.body", body: "ok" }',
    run: () => httpCall(sending(end)),
  },
  {
    rule: 'status-range',
    where: 'http.response.start',
    got: '700',
    run: () => httpCall(sending({ type: 'http.response.start', status: 700 })),
  },
  {
    rule: 'status-final',
    where: 'http.response.start',
    got: '103',
    run: () => httpCall(sending({ type: 'http.response.start', status: 103 })),
  },
  {
    rule: 'header-list',
    where: 'http.response.start headers',
    got: '{ "content-type": "text/plain" }',
    run: () => httpCall(sending({ ...start, headers: { 'content-type': 'text/plain' } })),
  },
  {
    rule: 'header-name',
    where: 'http.response.start headers[1]',
    got: '"Content-Type"',
    run: () =>
      httpCall(
        sending({
          ...start,
          headers: [
            ['x-a', '1'],
            ['Content-Type', 'text/plain'],
          ],
        }),
      ),
  },
  {
    rule: 'header-value',
    where: 'http.response.start headers[0] (location)',
    got: '"/a\\r\\nset-cookie: x=1"',
    run: () => httpCall(sending({ ...start, headers: [['location', '/a\r\nset-cookie: x=1']] })),
  },
  {
    rule: 'boolean-flag',
    where: 'http.response.body more',
    got: '"yes"',
    run: () => httpCall(sending(start, { type: 'http.response.body', body: 'a', more: 'yes' })),
  },
  {
    rule: 'body-type',
    where: 'http.response.body',
    got: '42',
    run: () => httpCall(sending(start, { type: 'http.response.body', body: 42 })),
  },
  {
    rule: 'nothing-after-end',
    where: 'http.response.body',
    got: '{ type: "http.response.body", body: "again" }',
    run: () => httpCall(sending(start, end, { type: 'http.response.body', body: 'again' })),
  },
  {
    rule: 'nothing-after-disconnect',
    where: 'http.response.start',
    got: '{ type: "http.response.start", status: 200 }',
    run: () =>
      httpCall(
        async (_scope, receive, send) => {
          await receive();
          await receive();
          await send(start);
        },
        httpScope({ signal: goneSignal() }),
        [BODILESS, { type: 'http.disconnect', reason: 'client-closed' }],
      ),
  },
  {
    rule: 'response-incomplete',
    where: 'app',
    got: 'a resolved promise with the body still open',
    run: () => httpCall(sending(start, { type: 'http.response.body', body: 'a', more: true })),
  },
  {
    rule: 'no-response',
    where: 'app',
    got: 'a resolved promise without http.response.start',
    run: () => httpCall(sending()),
  },
  {
    rule: 'extension-offered',
    where: 'http.response.early_hints',
    got: 'scope.extensions without "earlyHints"',
    run: () => httpCall(sending({ type: 'http.response.early_hints', headers: [['link', '</a.css>']] })),
  },
  {
    rule: 'trailers-announced',
    where: 'http.response.trailers',
    got: '{ type: "http.response.trailers", headers: [] }',
    run: () =>
      httpCall(
        sending(start, end, { type: 'http.response.trailers', headers: [] }),
        httpScope({ extensions: { trailers: {} } }),
      ),
  },
  {
    rule: 'trailers-after-body',
    where: 'http.response.trailers',
    got: '{ type: "http.response.trailers", headers: [] }',
    run: () =>
      httpCall(
        sending({ ...start, trailers: true }, { type: 'http.response.trailers', headers: [] }),
        httpScope({ extensions: { trailers: {} } }),
      ),
  },
  {
    rule: 'file-path',
    where: 'http.response.file',
    got: '"public/a.txt"',
    run: () =>
      httpCall(
        sending(start, { type: 'http.response.file', path: 'public/a.txt' }),
        httpScope({ extensions: { file: {} } }),
      ),
  },
  {
    rule: 'file-range',
    where: 'http.response.file offset',
    got: '-1',
    run: () =>
      httpCall(
        sending(start, { type: 'http.response.file', path: '/srv/a.txt', offset: -1 }),
        httpScope({ extensions: { file: {} } }),
      ),
  },
  {
    rule: 'early-hints-before-start',
    where: 'http.response.early_hints',
    got: '{ type: "http.response.early_hints", headers: [] }',
    run: () =>
      httpCall(
        sending(start, { type: 'http.response.early_hints', headers: [] }),
        httpScope({ extensions: { earlyHints: {} } }),
      ),
  },
  {
    rule: 'wait-until-task',
    where: 'tasks.waitUntil',
    got: '"later"',
    run: () =>
      httpCall(
        async (scope) => {
          if (scope.type === 'http') scope.extensions.tasks?.waitUntil('later' as unknown as Promise<void>);
        },
        httpScope({ extensions: { tasks: { waitUntil() {} } } }),
      ),
  },
  {
    rule: 'lifespan-receive-order',
    where: 'receive',
    got: 'lifespan.shutdown before lifespan.startup was received',
    run: () => lifespanCall(lifespanApp, [{ type: 'lifespan.shutdown' }]),
  },
  {
    rule: 'lifespan-startup-order',
    where: 'lifespan.startup.complete',
    got: 'lifespan.startup.complete before lifespan.startup was received',
    run: () => lifespanCall(async (_scope, _receive, send) => send({ type: 'lifespan.startup.complete' })),
  },
  {
    rule: 'lifespan-shutdown-order',
    where: 'lifespan.shutdown.complete',
    got: 'lifespan.shutdown.complete after startup completed',
    run: () =>
      lifespanCall(async (_scope, receive, send) => {
        await receive();
        await send({ type: 'lifespan.startup.complete' });
        await send({ type: 'lifespan.shutdown.complete' });
      }),
  },
  {
    rule: 'lifespan-after-failed',
    where: 'lifespan.startup.complete',
    got: '{ type: "lifespan.startup.complete" }',
    run: () =>
      lifespanCall(async (_scope, receive, send) => {
        await receive();
        await send({ type: 'lifespan.startup.failed', message: 'no database' });
        await send({ type: 'lifespan.startup.complete' });
      }),
  },
  {
    rule: 'lifespan-failed-message',
    where: 'lifespan.startup.failed',
    got: 'undefined',
    run: () =>
      lifespanCall(async (_scope, receive, send) => {
        await receive();
        await send({ type: 'lifespan.startup.failed' } as SendEvent);
      }),
  },
];

/** Reads three events, so a scripted server gets to say its next two after the body. */
async function readThree(_scope: unknown, receive: Receive): Promise<void> {
  await receive();
  await receive();
  await receive();
}

/** A lifespan app that follows the protocol. */
const lifespanApp: App = async (_scope, receive, send) => {
  await receive();
  await send({ type: 'lifespan.startup.complete' });
  await receive();
  await send({ type: 'lifespan.shutdown.complete' });
};

describe('validate: one error per rule', () => {
  it('has a case for every rule in the table', () => {
    expect(cases.map((c) => c.rule).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(cases)('$rule', async ({ rule, where, got, run }) => {
    const error = await rejectionOf(run());
    expect(error).toMatchObject({ name: 'GatewayValidationError', rule, by: RULES[rule].by });
    expect(error.message).toBe(
      `[${rule}] ${where}: ${RULES[rule].text} (spec ${specReference(rule)}), got ${got}`,
    );
  });

  it('quotes the rule, its spec section and tag, and the value', async () => {
    const error = await rejectionOf(httpCall(sending({ type: 'http.response.start', status: 700 })));
    expect(error.message).toBe(
      '[status-range] http.response.start: status must be an integer from 100 to 599 (spec §3.2 [A-STATUS]), got 700',
    );
  });
});
