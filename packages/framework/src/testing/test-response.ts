import type { DisconnectReason, HeaderList, MemoryResponse } from '@flagon/gateway/core';

/**
 * A response as a test sees it: status, a Fetch `Headers` view of the headers, and the body read as
 * text, JSON, bytes or a stream. Wraps the in-memory transport's response.
 *
 * @example
 * ```ts
 * const res = await client.get('/users/7');
 * expect(res.status).toBe(200);
 * expect(res.headers.get('content-type')).toMatch(/json/);
 * expect(await res.json<{ id: string }>()).toEqual({ id: '7' });
 * ```
 */
export class TestResponse {
  /** The status code. */
  readonly status: number;
  /** The headers; `getSetCookie()` gives each `Set-Cookie` line apart. */
  readonly headers: Headers;
  /** The headers exactly as the app sent them (lowercase names, order and duplicates kept). */
  readonly rawHeaders: HeaderList;
  /** The URL this response answered (after redirects, when they were followed). */
  readonly url: string;
  /** True when this response is the end of one or more followed redirects. */
  readonly redirected: boolean;
  readonly #inner: MemoryResponse;

  constructor(inner: MemoryResponse, url: URL, redirected: boolean) {
    this.#inner = inner;
    this.status = inner.status;
    this.rawHeaders = inner.headers;
    // Built from pairs, so each `set-cookie` stays apart for `getSetCookie()`.
    this.headers = new Headers(inner.headers.map(([name, value]): [string, string] => [name, value]));
    this.url = url.href;
    this.redirected = redirected;
  }

  /** True for a 2xx status. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The `103 Early Hints` header lists the app sent before this response, in order. */
  get earlyHints(): readonly HeaderList[] {
    return this.#inner.earlyHints;
  }

  /** The trailers sent after the body, once it is complete (`[]` when none); rejects if the response was cut. */
  get trailers(): Promise<HeaderList> {
    return this.#inner.trailers;
  }

  /** The body as chunks, as the app sends them (read it, or `text()` etc., not both). */
  get body(): AsyncIterable<Uint8Array> {
    return this.#inner.body;
  }

  /** Resolves (never rejects) once the app has finished with the request: its response complete, or cut. */
  get completed(): Promise<void> {
    return this.#inner.completed;
  }

  /**
   * What the app threw (or how it broke the gateway protocol), `undefined` when all went well; final once
   * {@link TestResponse.completed} resolved. A 500 from an app error carries the error here.
   */
  get error(): unknown {
    return this.#inner.error;
  }

  /** The whole body as bytes. */
  bytes(): Promise<Uint8Array> {
    return this.#inner.bytes();
  }

  /** The whole body as UTF-8 text. */
  text(): Promise<string> {
    return this.#inner.text();
  }

  /** The whole body parsed as JSON; `T` is what the test expects it to be (not checked). */
  json<T = unknown>(): Promise<T> {
    return this.#inner.json<T>();
  }

  /** Goes away as a client would: the app's `receive` gets `http.disconnect`, `scope.signal` aborts. */
  disconnect(reason?: Exclude<DisconnectReason, 'response-complete'>): void {
    this.#inner.disconnect(reason);
  }
}
