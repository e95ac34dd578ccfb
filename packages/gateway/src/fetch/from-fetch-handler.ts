import { ClientDisconnectedError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import { ignore } from '../memory/core/deferred.js';
import { toHeaderList, toHeaders } from '../memory/core/header-list.js';
import { badRequestApp, plainAnswerApp } from '../memory/core/plain-answer-app.js';
import type { App, HttpScope, Receive, Send } from '../types.js';
import { requestUrl } from './request-url.js';

/** Any Fetch-style handler: a Hono app's `fetch`, an itty-router, a hand-written function. */
export type FetchStyleHandler = (request: Request) => Response | Promise<Response>;

export interface FromFetchHandlerOptions {
  /** Where requests answered without the handler (400, 501) are logged, at debug; `info` and up by default. */
  readonly logger?: Logger;
}

// Fetch refuses to build a Request with these methods (fetch.spec.whatwg.org, "forbidden method").
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
// Statuses whose response never has a body (RFC 9110 §6.4.1; Fetch's null body statuses).
const BODILESS_STATUSES = new Set([204, 205, 304]);
const notImplementedApp = plainAnswerApp(501, 'Not Implemented');
const NOT_READY = Symbol('not ready');

/**
 * Turns a Fetch-style handler into a gateway app, so it mounts under the gateway server (or any
 * gateway host). The `Request` gets its URL from the scheme, the `host` header (or the server address),
 * `rootPath`, `rawPath` and the query string; its body streams from `receive` as the handler reads it;
 * its signal is `scope.signal`. A request Fetch cannot express is answered without the handler: `501`
 * for a method Fetch forbids (`TRACE`, `CONNECT`, `TRACK`), `400` for a path the URL parser would
 * rewrite (`/a/../b`, `/a\b`) or any other refusal. The `Response` body is sent as it is produced,
 * its last chunk as the final event; for `HEAD` and 204/205/304 it is cancelled, not read. Fetch apps
 * have no lifespan, so a lifespan scope is declined by returning, which servers accept.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * const hono = new Hono().get('/', (c) => c.text('hi'));
 * const app = fromFetchHandler(hono.fetch, { logger: createLogger('debug') });
 * ```
 */
export function fromFetchHandler(handler: FetchStyleHandler, options: FromFetchHandlerOptions = {}): App {
  const logger = options.logger ?? createLogger('info');
  return async (scope, receive, send) => {
    if (scope.type === 'lifespan') return;
    if (scope.type !== 'http')
      throw new TypeError(`unsupported scope type ${JSON.stringify((scope as { type: unknown }).type)}`);
    let request: Request;
    try {
      request = requestFromScope(scope, receive);
    } catch (error) {
      // Any client can send these: answer as a server would, without an ERROR log or a 500.
      const forbidden = FORBIDDEN_METHODS.has(scope.method.toUpperCase());
      logger.debug(
        `${scope.method} ${scope.rawPath}: Fetch cannot express this request; answered ${forbidden ? 501 : 400}`,
        error,
      );
      return (forbidden ? notImplementedApp : badRequestApp)(scope, receive, send);
    }
    const response = await handler(request);
    await sendResponse(response, scope.method, send);
  };
}

/**
 * Builds the Fetch `Request` a scope describes, its body pulled from `receive` only as it is read.
 * Throws a `TypeError` when Fetch cannot express the request: a method it forbids, a header value it
 * refuses, a path the URL parser would rewrite.
 *
 * @example
 * ```ts
 * const request = requestFromScope(scope, receive);
 * await request.text(); // the request body, chunk by chunk from receive
 * ```
 */
export function requestFromScope(scope: HttpScope, receive: Receive): Request {
  const url = requestUrl(scope);
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

async function sendResponse(response: Response, method: string, send: Send): Promise<void> {
  const { body } = response;
  try {
    await send({
      type: 'http.response.start',
      status: response.status,
      headers: toHeaderList(response.headers),
    });
  } catch (error) {
    // The client left before the start: nothing will read the body, so let its producer stop now.
    await body?.cancel(error).catch(ignore);
    throw error;
  }
  if (body && method !== 'HEAD' && !BODILESS_STATUSES.has(response.status)) return sendBody(body, send);
  // The server drops any body here, so reading it would never wait: an endless one would spin forever.
  await body?.cancel().catch(ignore);
  await send({ type: 'http.response.body', more: false });
}

/**
 * Sends a body stream chunk by chunk, each send awaited (backpressure). The latest chunk is held back
 * while the next is already at hand, so the last one goes out as the final event and a body read in
 * one chunk arrives whole (a server can then send Content-Length); a chunk the stream is slow to
 * follow goes out at once, so a live stream is not delayed.
 */
async function sendBody(body: ReadableStream<Uint8Array>, send: Send): Promise<void> {
  const reader = body.getReader();
  let held: Uint8Array | null = null;
  try {
    for (;;) {
      const read = reader.read();
      if (held && !(await settlesSoon(read))) {
        // The stream is slow to follow: what it produced goes out now, not when the next chunk comes.
        await send({ type: 'http.response.body', body: held, more: true });
        held = null;
      }
      const result = await read;
      if (result.done) break;
      if (result.value.byteLength === 0) continue;
      if (held) await send({ type: 'http.response.body', body: held, more: true });
      held = result.value;
    }
  } catch (error) {
    // The client left (send rejected) or the handler's stream failed: stop producing the rest.
    await reader.cancel(error).catch(ignore);
    throw error;
  }
  await send({ type: 'http.response.body', body: held ?? undefined, more: false });
}

/** Whether `read` settles before the event loop's next turn (a rejection rejects). */
async function settlesSoon(read: Promise<unknown>): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const nextTurn = new Promise<typeof NOT_READY>((resolve) => {
    timer = setTimeout(resolve, 0, NOT_READY);
  });
  try {
    return (await Promise.race([read, nextTurn])) !== NOT_READY;
  } finally {
    clearTimeout(timer);
  }
}
