// `getRawHeaders`: on a host that hands over Node's message (@hono/node-server's `env.incoming`), the
// scope's headers are Node's raw headers, as the client sent them, instead of the Request's `Headers`.
import type { AddressInfo } from 'node:net';
import type { App } from '@flagon/gateway';
import { toFetchHandler } from '@flagon/gateway';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { rawExchange } from '../node/helpers.js';
import { silent } from './test-helpers.js';

const echoHeaders: App = async (scope, _receive, send) => {
  if (scope.type !== 'http') return;
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'application/json']] });
  await send({ type: 'http.response.body', body: JSON.stringify(scope.headers) });
};

const REQUEST =
  'GET / HTTP/1.1\r\nHost: shop.test\r\nX-Tag: b\r\nCookie: a=1\r\nX-Tag: a\r\nCookie: b=2\r\n' +
  'Connection: close\r\n\r\n';

/** The headers the app saw for {@link REQUEST}, served by @hono/node-server with `readRaw` or without. */
async function headersSeen(readRaw: boolean): Promise<unknown> {
  const handler = toFetchHandler(echoHeaders, {
    logger: silent,
    getRawHeaders: readRaw
      ? (_request, env?: HttpBindings | Http2Bindings) => env?.incoming.rawHeaders ?? null
      : undefined,
  });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve) => {
      const started = serve({ fetch: handler, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
        resolve({ server: started, port: info.port }),
      );
    },
  );
  try {
    const { text } = await rawExchange(port, REQUEST, (received) => received.endsWith(']'));
    return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handler.shutdown();
  }
}

describe('toFetchHandler with getRawHeaders on @hono/node-server', () => {
  it('gives the app the headers in the order and repetition the client sent', async () => {
    expect(await headersSeen(true)).toEqual([
      ['host', 'shop.test'],
      ['x-tag', 'b'],
      ['cookie', 'a=1'],
      ['x-tag', 'a'],
      ['cookie', 'b=2'],
      ['connection', 'close'],
    ]);
  });

  it("reads the Request's Headers without it: sorted, repeated headers joined", async () => {
    expect(await headersSeen(false)).toEqual([
      ['connection', 'close'],
      ['cookie', 'a=1; b=2'],
      ['host', 'shop.test'],
      ['x-tag', 'b, a'],
    ]);
  });

  it('leaves out HTTP/2 pseudo-headers (the host comes from the URL), and reads the Request without them', async () => {
    const handler = toFetchHandler(echoHeaders, {
      logger: silent,
      getRawHeaders: (_request, env?: { incoming: { rawHeaders: string[] } }) =>
        env?.incoming.rawHeaders ?? null,
    });
    const request = () => new Request('https://shop.test/', { headers: { accept: 'text/html' } });
    const h2 = { incoming: { rawHeaders: [':method', 'GET', ':authority', 'shop.test', 'Accept', '*/*'] } };
    expect(await (await handler(request(), h2)).json()).toEqual([
      ['host', 'shop.test'],
      ['accept', '*/*'],
    ]);
    expect(await (await handler(request())).json()).toEqual([
      ['host', 'shop.test'],
      ['accept', 'text/html'],
    ]);
    await handler.shutdown();
  });
});
