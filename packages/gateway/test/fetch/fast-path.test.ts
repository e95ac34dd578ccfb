// toFetchHandler's short cuts must answer as the long way did: the URL sliced instead of parsed, the
// response headers as a record, the body stream and the client's signal left alone when not needed.
import type { App, HeaderList } from '@flagon/gateway';
import { toFetchHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { silent } from './test-helpers.js';

/** Answers with what it saw of the URL, and the headers it is told to send. */
function echoing(headers: HeaderList): App {
  return async (scope, _receive, send) => {
    if (scope.type !== 'http') return;
    const seen = [scope.scheme, scope.rawPath, scope.path, scope.queryString, scope.rootPath];
    const host = scope.headers.find(([name]) => name === 'host')?.[1];
    await send({ type: 'http.response.start', status: 200, headers: [...headers] });
    await send({ type: 'http.response.body', body: JSON.stringify([...seen, host]) });
  };
}

describe('toFetchHandler, the fast path', () => {
  it.each([
    ['https://a.test/x%20y?q=1&r=%2F#frag', '', ['https', '/x%20y', '/x y', 'q=1&r=%2F', '', 'a.test']],
    ['http://a.test:8080/api/p?#f?g', '/api', ['http', '/p', '/p', '', '/api', 'a.test:8080']],
    ['http://[::1]:81/a/../b/./c', '', ['http', '/b/c', '/b/c', '', '', '[::1]:81']],
    ['http://a.test', '', ['http', '/', '/', '', '', 'a.test']],
  ])('reads %s (rootPath %j) as new URL would', async (url, rootPath, expected) => {
    const handler = toFetchHandler(echoing([]), { logger: silent, rootPath });
    const request = new Request(url);
    request.headers.delete('host');
    expect(await (await handler(request)).json()).toEqual(expected);
  });

  it('keeps a repeated header, in any case, and one named like an object key, apart', async () => {
    const handler = toFetchHandler(
      echoing([
        ['Set-Cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['__proto__', 'x'],
        ['constructor', 'y'],
      ]),
      { logger: silent },
    );
    const response = await handler(new Request('http://a.test/'));
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('__proto__')).toBe('x');
    expect(response.headers.get('constructor')).toBe('y');
    expect(response.headers.get('content-length')).toBe(String((await response.text()).length));
  });

  it("refuses a body that breaks the app's own Content-Length, and adds one where the app set none", async () => {
    const handler = toFetchHandler(echoing([['Content-Length', '999']]), { logger: silent });
    const response = await handler(new Request('http://a.test/'));
    expect(response.status).toBe(500); // the body broke the length the app declared: refused
    const framed = toFetchHandler(echoing([['x-a', '1']]), { logger: silent });
    const ok = await framed(new Request('http://a.test/'));
    expect([ok.status, ok.headers.get('x-a'), ok.headers.get('content-length')]).toEqual([
      200,
      '1',
      String((await ok.clone().text()).length),
    ]);
  });
});

describe('toFetchHandler, an answer within the call', () => {
  const answer = (waitFirst: boolean): App => {
    return async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      if (waitFirst) await new Promise((resolve) => setTimeout(resolve, 1));
      const started = send({
        type: 'http.response.start',
        status: 201,
        headers: [['content-type', 'text/plain']],
      });
      const ended = send({ type: 'http.response.body', body: 'made' });
      await Promise.all([started, ended]);
    };
  };

  it('is a Response, not a promise, when the app sent it all before its first wait', async () => {
    const handler = toFetchHandler(answer(false), { logger: silent });
    await handler.startup();
    const response = handler(new Request('http://a.test/'));
    expect(response).toBeInstanceOf(Response);
    const { status, headers } = response as Response;
    expect([status, headers.get('content-length'), await (response as Response).text()]).toEqual([
      201,
      '4',
      'made',
    ]);
    await handler.shutdown();
  });

  it('is a promise of the same Response when the app waits, or before lifespan startup ran', async () => {
    const cases: ReadonlyArray<readonly [waitFirst: boolean, started: boolean]> = [
      [true, true],
      [false, false],
    ];
    for (const [waitFirst, started] of cases) {
      const handler = toFetchHandler(answer(waitFirst), { logger: silent });
      if (started) await handler.startup();
      const pending = handler(new Request('http://a.test/'));
      expect(pending).toBeInstanceOf(Promise);
      const response = await pending;
      expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([
        201,
        '4',
        'made',
      ]);
      await handler.shutdown();
    }
  });
});
