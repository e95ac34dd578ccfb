// toFetchHandler holds a body to the app's own Content-Length ([S-CONTENT-LENGTH-MATCH]): a Fetch host
// frames by that header, so a body known whole that breaks it is answered 500, a streamed one is cut.
import type { App, HttpSendEvent } from '@flagon/gateway';
import { createLogger, toFetchHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

function handlerFor(events: HttpSendEvent[], lines: string[] = []) {
  const app: App = async (scope, _receive, send) => {
    if (scope.type !== 'http') return;
    for (const event of events) await send(event);
  };
  return toFetchHandler(app, { logger: createLogger('error', (line) => lines.push(line)) });
}

const start: HttpSendEvent = { type: 'http.response.start', status: 200, headers: [['content-length', '3']] };

describe('toFetchHandler: a body against its own Content-Length', () => {
  it('answers 500 for a body sent whole that does not match, and logs it', async () => {
    const lines: string[] = [];
    const handler = handlerFor([start, { type: 'http.response.body', body: 'abcdef' }], lines);
    const response = await handler(new Request('http://app.test/whole'));
    expect([response.status, await response.text()]).toEqual([500, 'Internal Server Error']);
    expect(lines.join('')).toContain(
      'GET /whole: the body is longer than its content-length (declared 3 bytes, sent 6); the response was cut',
    );
    await handler.shutdown();
  });

  it('errors the body stream of a streamed body that goes past it', async () => {
    const handler = handlerFor([
      start,
      { type: 'http.response.body', body: 'ab', more: true },
      { type: 'http.response.body', body: 'cdef' },
    ]);
    const response = await handler(new Request('http://app.test/streamed'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('3');
    await expect(response.text()).rejects.toThrow('declared 3 bytes, sent 6');
    await handler.shutdown();
  });

  it('counts a whole string body in UTF-8 bytes, not characters', async () => {
    // 'café' is 4 characters and 5 bytes: a length of 4 would let the client read one byte too few.
    const typed = (length: string): HttpSendEvent => ({
      type: 'http.response.start',
      status: 200,
      headers: [
        ['content-type', 'text/plain; charset=utf-8'],
        ['content-length', length],
      ],
    });
    const short = handlerFor([typed('4'), { type: 'http.response.body', body: 'café' }]);
    expect((await short(new Request('http://app.test/'))).status).toBe(500);
    const exact = handlerFor([typed('5'), { type: 'http.response.body', body: 'café' }]);
    const response = await exact(new Request('http://app.test/'));
    expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([
      200,
      '5',
      'café',
    ]);
    await Promise.all([short.shutdown(), exact.shutdown()]);
  });

  it('gives a whole string body without a length of its own its length in bytes', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      await send({ type: 'http.response.body', body: 'crème brûlée' });
    };
    const handler = toFetchHandler(app);
    for (const method of ['GET', 'HEAD']) {
      const response = await handler(new Request('http://app.test/', { method }));
      expect([response.headers.get('content-length'), await response.text()]).toEqual([
        '15',
        method === 'GET' ? 'crème brûlée' : '',
      ]);
    }
    await handler.shutdown();
  });

  it('passes a body that matches', async () => {
    const handler = handlerFor([start, { type: 'http.response.body', body: 'abc' }]);
    const response = await handler(new Request('http://app.test/'));
    expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([
      200,
      '3',
      'abc',
    ]);
    await handler.shutdown();
  });
});
