// The server owns the framing (spec §3.2): an app's own Content-Length that its body breaks must never
// let a pipelining client read the rest of the connection as another response.
import assert from 'node:assert/strict';
import { requestHead } from '../client.js';
import type { ConformanceCheck } from '../types.js';
import { httpApp, readBody, respond } from './apps.js';

/** The response a client would take for the server's if the body's tail went out as sent. */
const SMUGGLED = 'HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\nSMUGGLED';

const contentLengthMatch: ConformanceCheck = {
  id: 'response-content-length-match',
  spec: '§3.2 [S-CONTENT-LENGTH-MATCH]',
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
  async interact({ start, client }) {
    const { url } = await start();
    for (const path of ['/long', '/short']) {
      const connection = await client.connection(url);
      connection.write(requestHead('GET', path) + requestHead('GET', '/next', ['Connection: close']));
      const text = (await connection.closed).toString('latin1');
      assert.ok(!text.includes('SMUGGLED'), `${path}: the body's tail reached the client as a response`);
      const heads = text.split(/(?=HTTP\/1\.[01] \d{3} )/);
      const first = heads[0] ?? '';
      // Either the response went out with its declared length and the connection closed after what
      // was sent, or the server refused it whole (a 500) and kept the connection in step.
      if (/^HTTP\/1\.[01] 200 /.test(first)) {
        assert.equal(
          heads.length,
          1,
          `${path}: another response followed a body that broke its content-length`,
        );
        assert.ok(first.endsWith('\r\n\r\nabc'), `${path}: the client got more than the app's own bytes`);
      } else {
        assert.match(first, /^HTTP\/1\.[01] 5\d\d /, `${path}: neither cut nor refused`);
      }
    }
  },
};

export const FRAMING_CHECKS: readonly ConformanceCheck[] = [contentLengthMatch];
