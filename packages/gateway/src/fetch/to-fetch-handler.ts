import { isClientDisconnected } from '../errors.js';
import type { Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import type { DrainOptions } from '../memory/core/app-host.js';
import { AppHost, type HostedRequest } from '../memory/core/app-host.js';
import { bodySource, toBytes } from '../memory/core/body-source.js';
import type { Exchange } from '../memory/core/exchange.js';
import type { BodyChunk, ResponseHead } from '../memory/core/response-channel.js';
import type { Address, App, HeaderList } from '../types.js';
import { FetchRequestInfo } from './request-scope.js';
import { responseHeaders } from './response-headers.js';

/**
 * The Cloudflare-style second argument, whose `waitUntil` the adapter uses when it is there. Other hosts
 * pass other things (Bun its server, Deno the connection info, @hono/node-server `{ incoming, outgoing }`):
 * the handler takes any of them.
 */
export interface FetchContext {
  waitUntil?(task: Promise<unknown>): void;
}

/**
 * What a handler takes as its second argument unless told otherwise: any object, so every host's own
 * type fits (a weak type such as {@link FetchContext} alone would refuse theirs), typed as a
 * {@link FetchContext} where it is written out.
 */
export type AnyFetchContext = FetchContext | object;

/** Reads something about the request's connection from what the host passed along with it. */
export type ConnectionReader<C, T> = (request: Request, context: C | undefined) => T;

export interface FetchHandlerOptions<C = AnyFetchContext> {
  /**
   * The peer's address from the host's own API (Bun's `server.requestIP(request)`, Deno's
   * `info.remoteAddr`, @hono/node-server's `env.incoming.socket`); `scope.client` is `null` without it.
   */
  readonly getClient?: ConnectionReader<C, Address | null>;
  /**
   * What `scope.server` says: an address, or a function reading it from the host (Bun's `server.port`,
   * Deno's `server.addr`, `env.incoming.socket.localAddress`). `null` by default: a Request does not tell.
   */
  readonly server?: Address | null | ConnectionReader<C, Address | null>;
  /**
   * The request's HTTP version where the host tells it (@hono/node-server's `env.incoming.httpVersion`);
   * without it, or when it returns `null`, `scope.httpVersion` is `"1.1"` (a limit of Fetch hosts).
   */
  readonly getHttpVersion?: ConnectionReader<C, string | null>;
  /**
   * The request's headers as Node's `rawHeaders` (`[name, value, ...]`), where the host hands them
   * over (@hono/node-server's `env.incoming.rawHeaders`): read instead of the Request's `Headers`,
   * which @hono/node-server builds, at some cost, only when asked. Only for a Request the host made
   * from that message as it is; `null` or unset reads `request.headers`.
   */
  readonly getRawHeaders?: ConnectionReader<C, readonly string[] | null>;
  /** The prefix the app is mounted under: taken off the URL path, reported as `scope.rootPath`. */
  readonly rootPath?: string;
  /** The lifespan state the app starts with. */
  readonly state?: Record<string, unknown>;
  /**
   * Extensions to offer (both on by default). `file` reads with `node:fs/promises`, which Node, Bun
   * and Deno have; turn it off on hosts without a filesystem. Trailers and early hints cannot be
   * expressed in a Fetch `Response`, so they are never offered.
   */
  readonly extensions?: { readonly file?: boolean; readonly tasks?: boolean };
  /** Where app errors and lifespan trouble go; `info` and up to stderr by default. */
  readonly logger?: Logger;
}

/**
 * A Fetch handler serving a gateway app, with the app's lifespan in the caller's hands. Its second
 * parameter takes any object unless the options' readers name the host's type, so any host's fetch
 * option accepts it as it is (`serve({ fetch: handler })`).
 */
export interface FetchHandler<C = AnyFetchContext> {
  (request: Request, context?: C): Response | Promise<Response>;
  /** Runs lifespan startup (otherwise it runs on the first request); rejects with `LifespanStartupError`. */
  startup(): Promise<void>;
  /** Drains, waits for in-flight requests and tracked tasks (until `deadline`), then lifespan shutdown. */
  shutdown(options?: DrainOptions): Promise<void>;
  /** Sends the drain notice to in-flight requests; at `deadline` (epoch ms) cuts those left. */
  drain(options?: DrainOptions): void;
}

/**
 * Turns a gateway app into a Fetch handler, for hosts that serve `(Request) => Response`: Bun.serve,
 * Deno.serve, Cloudflare-style workers, Node servers that take Fetch handlers. The request body is
 * read as the app asks for it; the response resolves at `http.response.start` and its body streams
 * as the app sends it, each send resolving when the host reads the chunk. An app failing before
 * the start gets a 500; after it, the body stream errors. `waitUntil` tasks go to the host's
 * `context.waitUntil` when it has one, else the handler keeps them and `shutdown()` waits for them.
 *
 * @example
 * ```ts
 * const handler = toFetchHandler(app, {
 *   getClient: (_request, info?: Deno.ServeHandlerInfo) =>
 *     info ? { host: info.remoteAddr.hostname, port: info.remoteAddr.port } : null,
 * });
 * Deno.serve(handler);
 * ```
 */
export function toFetchHandler<C = AnyFetchContext>(
  app: App,
  options: FetchHandlerOptions<C> = {},
): FetchHandler<C> {
  const logger = options.logger ?? createLogger('info');
  const host = new AppHost(app, { state: options.state, logger });
  const offerTasks = options.extensions?.tasks ?? true;
  const offerFile = options.extensions?.file ?? true;
  const server = options.server ?? null;
  const rootPath = options.rootPath ?? '';

  // The same offer for every request the host has no waitUntil for: the scope's extensions are then
  // built once (see `Exchange`).
  const offer = (waitUntil: ((task: PromiseLike<unknown>) => void) | null) => ({
    trailers: false,
    earlyHints: false,
    file: offerFile,
    waitUntil,
  });
  const ownTasksOffer = offer(offerTasks ? host.waitUntil : null);
  const offerFor = (context: C | undefined) => {
    const hostWaitUntil = isObject(context) ? (context as FetchContext).waitUntil : undefined;
    if (!offerTasks || typeof hostWaitUntil !== 'function') return ownTasksOffer;
    return offer((task: PromiseLike<unknown>) =>
      hostWaitUntil.call(
        context,
        Promise.resolve(task).catch((error: unknown) => logger.error('a waitUntil task failed', error)),
      ),
    );
  };

  const handle = (request: Request, context?: C): Response | Promise<Response> => {
    let hosted: HostedRequest;
    let exchange: Exchange | null;
    try {
      hosted = {
        request: new FetchRequestInfo(request, {
          rootPath,
          client: options.getClient?.(request, context) ?? null,
          server: typeof server === 'function' ? server(request, context) : server,
          httpVersion: options.getHttpVersion?.(request, context) ?? '1.1',
          rawHeaders: options.getRawHeaders?.(request, context) ?? null,
        }),
        // Fetch gives a GET or HEAD no body (its constructor refuses one), and asking for it is not
        // free: @hono/node-server builds the whole Request behind its lazy one to answer `body`.
        body: bodySource(request.method === 'GET' || request.method === 'HEAD' ? null : request.body),
        extensions: offerFor(context),
        closeBodyOnClientAbort: true,
        callAppNow: true,
      };
      exchange = host.exchangeNow(hosted);
    } catch (error) {
      return refused(error, request);
    }
    if (exchange === null) return startedLater(hosted, request);
    // An app that sent its whole response before its first wait is answered with a Response, not a
    // promise of one: hosts serve that at once (@hono/node-server skips its close listener and awaits).
    return answeredNow(exchange, logger) ?? responseOf(exchange, request, logger);
  };

  // The first request, when lifespan startup has not run yet.
  const startedLater = async (hosted: HostedRequest, request: Request): Promise<Response> => {
    let exchange: Exchange;
    try {
      exchange = await host.exchange(hosted);
    } catch (error) {
      return refused(error, request);
    }
    return responseOf(exchange, request, logger);
  };

  const refused = (error: unknown, request: Request): Response => {
    if (host.closed) return plainResponse(503, 'Service Unavailable');
    // Lifespan startup failed (lazily, on this request), or a connection reader threw: no app to hand it to.
    logger.error(`${request.method} ${request.url}: could not serve the request`, error);
    return plainResponse(500, 'Internal Server Error');
  };

  return Object.assign(handle, {
    startup: async () => {
      await host.open();
    },
    shutdown: (drainOptions?: DrainOptions) => host.close(drainOptions),
    drain: (drainOptions?: DrainOptions) => host.drain(drainOptions),
  });
}

async function responseOf(exchange: Exchange, request: Request, logger: Logger): Promise<Response> {
  const { response } = exchange;
  // Most apps answer within microtasks of being called: wait those out before anything that costs. The
  // body event tells whether the body came whole (then it gets a Content-Length, [S-CONTENT-LENGTH]) or
  // streams. (Not settled(): a chunk waiting for this Response's reader would never settle.)
  let hops = 0;
  while (hops < MICROTASK_HOPS && !response.wholeBodyKnown) {
    hops++;
    await undefined;
  }
  // From here the app may wait on the event loop, where the client can leave: follow its signal (reading
  // it is not free on every host: @hono/node-server makes an AbortController for it).
  if (!response.complete) exchange.watchClient(request.signal);
  let head = response.knownHead;
  try {
    head ??= await response.head;
  } catch (error) {
    // Cut before the start: the client is gone (nobody reads this) or the drain deadline passed.
    const serverCut = isClientDisconnected(error) && error.reason === 'server-closed';
    return serverCut ? plainResponse(503, 'Service Unavailable') : new Response(null, { status: 499 });
  }
  // Like the Node bridge, hold the head for the body until the event loop moves on: a body sent
  // whole gets a Content-Length; a stream goes out as it comes.
  const whole = response.wholeBodyKnown
    ? response.knownWholeBody
    : await Promise.race([response.wholeBody, nextTurn()]);
  return fetchResponse(exchange, head, whole ?? null, logger);
}

/** The Response for an exchange whose head and whole body are known already, else `null`. */
function answeredNow(exchange: Exchange, logger: Logger): Response | null {
  const { response } = exchange;
  const head = response.knownHead;
  // Complete: nothing more can come, so no client to follow (a stream still being sent needs that).
  if (head === null || !response.complete || !response.wholeBodyKnown) return null;
  return fetchResponse(exchange, head, response.knownWholeBody, logger);
}

/** The Response for a started exchange: `whole` is its body when it was sent whole, else it streams. */
function fetchResponse(
  exchange: Exchange,
  head: ResponseHead,
  whole: BodyChunk | null,
  logger: Logger,
): Response {
  const { response } = exchange;
  // A whole body that broke the app's own Content-Length was refused before any of it went out.
  if (response.refusedFraming !== null) return plainResponse(500, 'Internal Server Error');
  try {
    const headers = responseHeaders(head.headers, head.status, exchange.scope.method, whole);
    // The string or bytes the app sent (TextEncoder's, or its own: never a SharedArrayBuffer's view). A
    // string goes as bytes when the app named no type: Fetch would add `text/plain` for a string.
    const sent = typeof whole === 'string' && !namesType(headers) ? toBytes(whole) : whole;
    const body = !response.hasBody
      ? null
      : ((sent as string | Uint8Array<ArrayBuffer> | null) ?? response.body);
    return new Response(body, { status: head.status, headers: headers as HeadersInit });
  } catch (error) {
    // A header Fetch refuses (say, a newline in a value): the app cannot be answered as it asked.
    logger.error(`${exchange.label}: the response head is not valid for Fetch; answered 500`, error);
    exchange.disconnect('server-closed');
    return plainResponse(500, 'Internal Server Error');
  }
}

const MICROTASK_HOPS = 48;

function namesType(headers: Record<string, string> | HeaderList): boolean {
  if (!Array.isArray(headers)) return 'content-type' in headers;
  return headers.some(([name]) => name.toLowerCase() === 'content-type');
}

function nextTurn(): Promise<undefined> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}
