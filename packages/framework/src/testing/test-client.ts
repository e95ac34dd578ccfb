import type {
  App,
  Logger,
  MemoryExtensionOptions,
  MemoryResponse,
  MemoryTransport,
} from '@flagon/gateway/core';
import { createMemoryTransport } from '@flagon/gateway/core';
import type { HeadersInit } from '../http/response-headers.js';
import { headerListFrom } from '../http/response-headers.js';
import { CookieJar } from './cookie-jar.js';
import type { FollowedRequest } from './redirect.js';
import { isRedirectStatus, requestAfterRedirect } from './redirect.js';
import type { EncodedBody, TestRequestInit } from './request-init.js';
import { encodeBody } from './request-init.js';
import { requestTarget } from './request-target.js';
import { TestResponse } from './test-response.js';

/** How a test client talks to its app. */
export interface TestClientOptions {
  /**
   * The origin requests seem to go to: its host and port are the `Host` header and `scope.server`, and
   * `https:` makes the scheme https (so `Secure` cookies flow). Default `http://testserver`.
   */
  baseUrl?: string;
  /** Headers sent with every request; a request's own header of the same name replaces one. */
  headers?: HeadersInit;
  /** Follow redirects unless a request says otherwise. Default `false`: a test sees the redirect itself. */
  follow?: boolean;
  /** How many redirects one request may follow before it rejects. Default 20. */
  maxRedirects?: number;
  /** Where app errors, failed tasks and lifespan trouble are logged; silent by default (see `res.error`). */
  logger?: Logger;
  /** The lifespan state the app starts with. */
  state?: Record<string, unknown>;
  /** Which server extensions the app is offered; each defaults to on. */
  extensions?: MemoryExtensionOptions;
}

/** A request without a body: its init takes no `json`, `form` or `body`. */
export type TestRequestInitNoBody = Omit<TestRequestInit, 'json' | 'form' | 'body'>;

/** Calls a gateway app in memory as an HTTP client would, keeping cookies between requests. */
export interface TestClient extends AsyncDisposable {
  /** The cookies the app has set so far; a test may read, add or clear them. */
  readonly cookies: CookieJar;
  /** The in-memory transport underneath, for server-side moves: `drain()`, `tasks()`. */
  readonly transport: MemoryTransport;
  /**
   * Runs the app's lifespan startup (`onStartup` hooks); rejects when startup fails. Optional: the first
   * request starts the lifespan when `open()` was not called.
   */
  open(): Promise<void>;
  /** Waits for in-flight requests and tasks, then runs lifespan shutdown. `await using` calls it for you. */
  close(): Promise<void>;
  /** Sends a request with any method. */
  request(method: string, path: string, init?: TestRequestInit): Promise<TestResponse>;
  get(path: string, init?: TestRequestInitNoBody): Promise<TestResponse>;
  head(path: string, init?: TestRequestInitNoBody): Promise<TestResponse>;
  options(path: string, init?: TestRequestInitNoBody): Promise<TestResponse>;
  delete(path: string, init?: TestRequestInit): Promise<TestResponse>;
  post(path: string, init?: TestRequestInit): Promise<TestResponse>;
  put(path: string, init?: TestRequestInit): Promise<TestResponse>;
  patch(path: string, init?: TestRequestInit): Promise<TestResponse>;
}

/**
 * A test client for any gateway app (a `Flagon` app or a hand-written one) over the in-memory transport:
 * no socket, no port. It sends JSON, forms and raw bodies, keeps a cookie jar, follows redirects when
 * asked, and runs the app's lifespan with `open()`/`close()` (or `await using`).
 *
 * @example
 * ```ts
 * await using client = createTestClient(app);
 * const res = await client.post('/items', { json: { name: 'cup', price: 3 } });
 * assert.equal(res.status, 201);
 * assert.equal(res.headers.get('location'), '/items/1');
 * ```
 */
export function createTestClient(app: App, options: TestClientOptions = {}): TestClient {
  const base = new URL(options.baseUrl ?? 'http://testserver');
  const scheme = base.protocol === 'https:' ? 'https' : 'http';
  const transport = createMemoryTransport(app, {
    logger: options.logger,
    state: options.state,
    extensions: options.extensions,
    scheme,
    server: { host: base.hostname, port: Number(base.port) || (scheme === 'https' ? 443 : 80) },
  });
  const cookies = new CookieJar({ host: base.hostname });
  const defaultHeaders = headerListFrom(options.headers);
  const maxRedirects = options.maxRedirects ?? 20;

  /** One request/response, with the client's headers and cookies added and the cookies it sets stored. */
  const exchange = async (
    method: string,
    target: string,
    ownHeaders: [string, string][],
    body: EncodedBody,
  ): Promise<{ url: URL; response: MemoryResponse }> => {
    const headers = [
      ...defaultHeaders.filter(([name]) => !ownHeaders.some(([n]) => n === name)),
      ...ownHeaders,
    ];
    if (body.contentType !== undefined && !headers.some(([name]) => name === 'content-type')) {
      headers.push(['content-type', body.contentType]);
    }
    // The origin is prepended as text: `new URL('//x', base)` would read `//x` as another host.
    const url = new URL(base.origin + target);
    // One `Cookie` line (RFC 6265 §5.4): a test's own cookies first, then the jar's.
    const cookie = [...takeHeader(headers, 'cookie'), cookies.header(url) ?? []].flat();
    if (cookie.length > 0) headers.push(['cookie', cookie.join('; ')]);
    const response = await transport.request({
      method,
      path: target,
      headers,
      body: body.body,
    });
    cookies.store(url, setCookieLines(response));
    return { url, response };
  };

  const request = async (method: string, path: string, init: TestRequestInit = {}): Promise<TestResponse> => {
    const target = requestTarget(path, init.query, base.origin);
    // Uppercase from the start, so the redirect rules (`POST` turning into `GET`) see `post` too.
    let sent: FollowedRequest = {
      method: method.toUpperCase(),
      headers: headerListFrom(init.headers),
      body: await encodeBody(init),
    };
    let { url, response } = await exchange(sent.method, target, sent.headers, sent.body);
    const follow = init.follow ?? options.follow ?? false;
    let redirects = 0;
    for (;;) {
      const location = response.header('location');
      if (!follow || !isRedirectStatus(response.status) || location === undefined) break;
      const next = new URL(location, url);
      if (next.origin !== base.origin) break; // another site: the app cannot answer for it, so hand it back
      await response.bytes(); // the redirect's own body, so its app finishes before the next request
      if (++redirects > maxRedirects) {
        throw new Error(`test client: more than ${maxRedirects} redirects, the last to ${next.href}`);
      }
      sent = requestAfterRedirect(response.status, sent, next);
      ({ url, response } = await exchange(sent.method, next.pathname + next.search, sent.headers, sent.body));
    }
    return new TestResponse(response, url, redirects > 0);
  };

  return {
    cookies,
    transport,
    open: () => transport.open(),
    close: () => transport.close(),
    [Symbol.asyncDispose]: () => transport.close(),
    request,
    get: (path, init) => request('GET', path, init),
    head: (path, init) => request('HEAD', path, init),
    options: (path, init) => request('OPTIONS', path, init),
    delete: (path, init) => request('DELETE', path, init),
    post: (path, init) => request('POST', path, init),
    put: (path, init) => request('PUT', path, init),
    patch: (path, init) => request('PATCH', path, init),
  };
}

/** Removes every `name` header from `headers`, returning their values. */
function takeHeader(headers: [string, string][], name: string): string[] {
  const values = headers.filter(([key]) => key === name).map(([, value]) => value);
  headers.splice(0, headers.length, ...headers.filter(([key]) => key !== name));
  return values;
}

function setCookieLines(response: MemoryResponse): string[] {
  return response.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value);
}
