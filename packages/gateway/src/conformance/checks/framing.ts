// The server owns the framing: an app's own Content-Length that its body breaks must never let a
// pipelining client read the rest of the connection as another response (§3.2), and a client holding
// its body back for `100 Continue` is asked for it only when the app reads it (§3.1).
import assert from 'node:assert/strict';
import { requestHead } from '../client.js';
import type { CheckContext, ConformanceCheck } from '../types.js';
import { httpApp, readBody, respond } from './apps.js';

/** The response a client would take for the server's if the body's tail went out as sent. */
const SMUGGLED = 'HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\nSMUGGLED';

const contentLengthMatch: ConformanceCheck = {
  id: 'response-content-length-match',
  spec: '§3.2 [S-CONTENT-LENGTH-MATCH] [F-CONNECTION]',
  rule: "a body longer or shorter than the app's own content-length is never followed by another response on its connection",
  validate: false, // the app breaks [A-CONTENT-LENGTH] on purpose
  app: () =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      if (scope.path === '/next') return respond(send, 200, 'next');
      const long = scope.path === '/long';
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-length', long ? '3' : '10']],
      });
      try {
        await send({ type: 'http.response.body', body: 'abc', more: true });
        await send({ type: 'http.response.body', body: long ? SMUGGLED : '' });
      } catch {
        // refused: the server cuts the response, as it should
      }
    }),
  async interact({ start, client, fetchHost, limit }) {
    const { url } = await start();
    const limits: string[] = [];
    for (const path of ['/long', '/short']) {
      const connection = await client.connection(url);
      connection.write(requestHead('GET', path) + requestHead('GET', '/next', ['Connection: close']));
      const text = (await connection.closed).toString('latin1');
      assert.ok(!text.includes('SMUGGLED'), `${path}: the body's tail reached the client as a response`);
      const heads = text.split(/(?=HTTP\/1\.[01] \d{3} )/);
      const first = heads[0] ?? '';
      // Either the response went out with its declared length (or less: the bytes queued when the
      // app failed may be lost) and the connection closed after it, or the server refused it whole
      // (a 500) and kept the connection in step, or it cut the connection before any byte.
      if (/^HTTP\/1\.[01] 200 /.test(first)) {
        const body = first.slice(first.indexOf('\r\n\r\n') + 4);
        assert.ok('abc'.startsWith(body), `${path}: the client got more than the app's own bytes`);
        if (heads.length === 1) continue;
        const message = `${path}: another response followed a body that broke its content-length`;
        // A Fetch host owns the connection: whether an errored body stream closes it is the host's call.
        if (!fetchHost) assert.fail(message);
        limits.push(`${path}: the host kept the connection open after a body stream that failed`);
      } else {
        assert.match(first, /^(HTTP\/1\.[01] 5\d\d |$)/, `${path}: neither cut nor refused`);
      }
    }
    if (limits.length > 0) limit(limits.join('; '));
  },
};

const expectContinue: ConformanceCheck = {
  id: 'expect-continue',
  spec: '§3.1 [S-EXPECT-CONTINUE] [F-EXPECT-CONTINUE]',
  rule: 'Expect: 100-continue gets 100 Continue only once the app reads the body; an app that answers without reading sends none, and the connection closes',
  app: () =>
    httpApp(async (scope, receive, send) => {
      if (scope.path === '/refuse') return respond(send, 403, 'no');
      return respond(send, 200, `got ${await readBody(receive)}`);
    }),
  async interact({ start, client, fetchHost, limit }) {
    const { url } = await start();
    const expecting = (path: string) =>
      requestHead('POST', path, ['Content-Length: 5', 'Expect: 100-continue', 'Connection: close']);
    if (fetchHost) return expectContinueOnFetchHost(url, client, expecting, limit);
    const refused = await client.connection(url);
    refused.write(expecting('/refuse'));
    const answer = (await refused.closed).toString('latin1');
    assert.match(answer, /^HTTP\/1\.1 403 /, 'an app that did not read its body was preceded by a 100');
    const read = await client.connection(url);
    read.write(expecting('/echo'));
    await read.received('100 Continue\r\n\r\n'); // a server that never asks leaves the client waiting here
    read.write('hello');
    const echoed = (await read.closed).toString('latin1');
    assert.match(echoed, /^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 /);
    assert.ok(echoed.endsWith('got hello'), 'the body sent after the 100 reached the app');
  },
};

/**
 * A Fetch host answers `Expect: 100-continue` itself (Node's servers at once, Deno never): a handler
 * cannot say when. What must hold is that a client sending its body anyway gets the app's answers.
 */
async function expectContinueOnFetchHost(
  url: string,
  client: CheckContext['client'],
  expecting: (path: string) => string,
  limit: CheckContext['limit'],
): Promise<never> {
  const refused = await client.connection(url);
  refused.write(`${expecting('/refuse')}hello`);
  const answer = (await refused.closed).toString('latin1');
  assert.match(answer, /^(HTTP\/1\.1 100 Continue\r\n\r\n)?HTTP\/1\.1 403 /, 'the app did not answer 403');
  const read = await client.connection(url);
  read.write(`${expecting('/echo')}hello`);
  const echoed = (await read.closed).toString('latin1');
  assert.match(echoed, /^(HTTP\/1\.1 100 Continue\r\n\r\n)?HTTP\/1\.1 200 /);
  assert.ok(echoed.endsWith('got hello'), 'the body sent with the request did not reach the app');
  return limit('the host, not the app, decides when (or whether) to send 100 Continue');
}

export const FRAMING_CHECKS: readonly ConformanceCheck[] = [contentLengthMatch, expectContinue];
