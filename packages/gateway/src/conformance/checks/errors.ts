// What the client sees when the app fails or gives up, before or after its start (spec §3.5).
import assert from 'node:assert/strict';
import type { HttpSend } from '../../types.js';
import type { HttpExchange } from '../client.js';
import type { CheckContext, ConformanceCheck } from '../types.js';
import { httpApp, readBody } from './apps.js';

const SECRET = 'conformance-secret-7d3f';
// A V8 stack frame: "    at handler (/srv/app.js:12:5)" or "    at /srv/app.js:12:5".
const STACK_FRAME = /\n\s*at .*:\d+:\d+/;

const errorBeforeStart: ConformanceCheck = {
  id: 'error-before-start',
  spec: '§3.5 [S-ERROR-BEFORE-START]',
  rule: 'an app that rejects before http.response.start gets a 500 whose body holds neither the error message nor its stack',
  app: () =>
    httpApp(async (_scope, receive) => {
      await readBody(receive);
      throw new Error(`${SECRET}: the app failed before starting its response`);
    }),
  async interact({ start, client }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/fails' });
    assert.equal(res.status, 500);
    const body = res.body.toString();
    assert.ok(!body.includes(SECRET), `the 500 body shows the error message: ${body}`);
    assert.ok(!STACK_FRAME.test(body), `the 500 body shows a stack trace: ${body}`);
  },
};

const noResponse: ConformanceCheck = {
  id: 'no-response',
  spec: '§3.5 [S-ERROR-BEFORE-START]',
  rule: 'an app that resolves without sending http.response.start gets a 500',
  validate: false, // the app breaks [A-COMPLETE] on purpose
  app: () =>
    httpApp(async (_scope, receive) => {
      await readBody(receive);
    }),
  async interact({ start, client }) {
    const { url } = await start();
    assert.equal((await client.request(url, { path: '/silent' })).status, 500);
  },
};

/** An app that starts a response, sends part of its body, then `ends` the call as the check wants. */
function partialResponse(headers: Array<[string, string]>, ends: 'rejects' | 'resolves') {
  return () =>
    httpApp(async (_scope, receive, send: HttpSend) => {
      await readBody(receive);
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'text/plain'], ...headers],
      });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      if (ends === 'rejects') throw new Error('the app failed after starting its response');
    });
}

/** Reads the response and asserts the client can tell it was cut short. */
async function expectCutResponse({ start, client }: CheckContext, declaredLength?: number): Promise<void> {
  const { url } = await start();
  const res: HttpExchange | undefined = await client
    .request(url, { path: '/partial' })
    .catch(() => undefined);
  if (res === undefined) return; // cut before even the head arrived: truncated all the same
  assert.equal(res.status, 200);
  assert.equal(
    res.complete,
    false,
    `the truncated response looked complete (body ${JSON.stringify(res.body.toString())})`,
  );
  if (declaredLength !== undefined) assert.ok(res.body.byteLength < declaredLength);
}

const errorAfterStart: ConformanceCheck = {
  id: 'error-after-start',
  spec: '§3.5 [S-ERROR-AFTER-START]',
  rule: 'an app that rejects after its start gets its connection cut: no final chunk, so the client sees a truncated response',
  app: partialResponse([], 'rejects'),
  interact: (context) => expectCutResponse(context),
};

const errorAfterStartWithLength: ConformanceCheck = {
  id: 'error-after-start-length',
  spec: '§3.5 [S-ERROR-AFTER-START]',
  rule: 'an app that rejects after its start with a Content-Length gets its connection cut short of that length',
  app: partialResponse([['content-length', '20']], 'rejects'),
  interact: (context) => expectCutResponse(context, 20),
};

const unfinishedResponse: ConformanceCheck = {
  id: 'unfinished-response',
  spec: '§3.5 [S-ERROR-AFTER-START]',
  rule: 'an app that resolves without finishing the response it started gets its connection cut, never ended as complete',
  validate: false, // the app breaks [A-COMPLETE] on purpose
  app: partialResponse([], 'resolves'),
  interact: (context) => expectCutResponse(context),
};

export const ERROR_CHECKS: readonly ConformanceCheck[] = [
  errorBeforeStart,
  noResponse,
  errorAfterStart,
  errorAfterStartWithLength,
  unfinishedResponse,
];
