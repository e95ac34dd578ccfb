import { ClientDisconnectedError } from '../errors.js';
import { ignore } from '../memory/core/deferred.js';
import { firstHeader, toHeaderList, toHeaders } from '../memory/core/header-list.js';
import type { Address, App, HttpScope, Receive, Send } from '../types.js';

/** Any Fetch-style handler: a Hono app's `fetch`, an itty-router, a hand-written function. */
export type FetchStyleHandler = (request: Request) => Response | Promise<Response>;

/**
 * Turns a Fetch-style handler into a gateway app, so it mounts under the gateway server (or any
 * gateway host). The `Request` gets its URL from the scheme, the `host` header (or the server address),
 * `rootPath`, `rawPath` and the query string; its body streams from `receive` as the handler reads it;
 * its signal is `scope.signal`. The `Response` body is sent chunk by chunk as it is produced. Fetch
 * apps have no lifespan, so a lifespan scope is declined by returning, which servers accept.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const hono = new Hono().get('/', (c) => c.text('hi'));
 * const app = fromFetchHandler(hono.fetch);
 * ```
 */
export function fromFetchHandler(handler: FetchStyleHandler): App {
  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') return;
    if (scope.type !== 'http')
      throw new TypeError(`unsupported scope type ${JSON.stringify((scope as { type: unknown }).type)}`);
    const response = await handler(requestFromScope(scope, receive));
    await send({
      type: 'http.response.start',
      status: response.status,
      headers: toHeaderList(response.headers),
    });
    await sendBody(response.body, send);
  };
}

/**
 * Builds the Fetch `Request` a scope describes, its body pulled from `receive` only as it is read.
 *
 * @example
 * ```ts
 * const request = requestFromScope(scope, receive);
 * await request.text(); // the request body, chunk by chunk from receive
 * ```
 */
export function requestFromScope(scope: HttpScope, receive: Receive): Request {
  const authority = firstHeader(scope.headers, 'host') ?? formatAddress(scope.server);
  const query = scope.queryString ? `?${scope.queryString}` : '';
  const url = `${scope.scheme}://${authority}${scope.rootPath}${scope.rawPath}${query}`;
  const bodiless = scope.method === 'GET' || scope.method === 'HEAD';
  // Node's Request needs `duplex: 'half'` to take a streamed body; the DOM types do not know it yet.
  const init: RequestInit & { duplex: 'half' } = {
    method: scope.method,
    headers: toHeaders(scope.headers),
    body: bodiless ? null : requestBody(receive),
    signal: scope.signal,
    duplex: 'half',
  };
  return new Request(url, init);
}

function requestBody(receive: Receive): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          const event = await receive();
          if (event.type === 'http.disconnect') {
            controller.error(new ClientDisconnectedError(event.reason));
            return;
          }
          if (event.type !== 'http.request') continue; // a drain notice: the body reading goes on
          if (event.body.byteLength > 0) controller.enqueue(event.body);
          if (!event.more) controller.close();
          if (event.body.byteLength > 0 || !event.more) return;
        }
      },
    },
    { highWaterMark: 0 },
  );
}

async function sendBody(body: ReadableStream<Uint8Array> | null, send: Send): Promise<void> {
  if (body) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.byteLength > 0) await send({ type: 'http.response.body', body: value, more: true });
      }
    } catch (error) {
      // The client left (send rejected) or the handler's stream failed: stop producing the rest.
      await reader.cancel(error).catch(ignore);
      throw error;
    }
  }
  await send({ type: 'http.response.body', more: false });
}

function formatAddress(address: Address | null): string {
  if (!address || address.port === null) return 'localhost';
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}
