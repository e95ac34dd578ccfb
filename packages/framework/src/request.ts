import type { Address, HttpReceive, HttpScope } from '@flagon/gateway/core';
import { HTTPException } from './errors.js';
import type { Cleanup } from './features/request-feature.js';
import { parseForm } from './forms/parse-form.js';
import type { ParsedForm } from './forms/parsed-form.js';
import type { UploadSettings } from './forms/upload-settings.js';
import { STANDALONE_SETTINGS } from './forms/upload-settings.js';
import { declaredTooLarge, receiveAll, receiveChunks } from './http/body.js';
import { parseCookieHeader } from './http/cookies.js';
import { DEFAULT_MAX_JSON_DEPTH, jsonTooDeep } from './http/json-depth.js';
import { charsetOf, mediaTypeOf } from './http/media-type.js';
import { RequestHeaders } from './http/request-headers.js';
import { isUtf8Charset, strictUtf8Decoder } from './http/utf8.js';

/** What a request's forms need from the request's context: its upload limits, and a cleanup after the response. */
export interface FormHost {
  uploadSettings(): UploadSettings;
  deferCleanup(cleanup: Cleanup): void;
}

/** The default request body limit: 1 MiB. */
export const DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

/**
 * The incoming request: a thin, lazy view over the gateway scope (Starlette's design). Headers, query,
 * cookies and URL are parsed only when first asked for; the body is read through `receive` once, within
 * the size limit (413 beyond it), and cached, so hooks and handler can all read it.
 *
 * @example
 * ```ts
 * app.post('/echo', async (c) => {
 *   const type = c.request.headers.get('content-type');
 *   const data = await c.request.json();
 *   return { type, data, page: c.request.query.get('page') };
 * });
 * ```
 */
export class Request {
  private urlValue: URL | undefined;
  private queryValue: URLSearchParams | undefined;
  private headersValue: RequestHeaders | undefined;
  private cookiesValue: Record<string, string> | undefined;
  private bytesValue: Promise<Uint8Array> | undefined;
  private jsonValue: Promise<unknown> | undefined;
  private formValue: Promise<ParsedForm> | undefined;
  private streamed = false;

  constructor(
    /** The gateway scope this request wraps. */
    readonly scope: HttpScope,
    private readonly receive: HttpReceive,
    /** The body limit in bytes; reading past it fails with 413. */
    readonly maxBodySize: number = DEFAULT_MAX_BODY_SIZE,
    /** How deep `json()` lets arrays/objects nest (400 beyond); `Infinity` or 0: no limit. */
    readonly maxJsonDepth: number = DEFAULT_MAX_JSON_DEPTH,
    /** The upload limits and temp-file cleanup (the context); without it, default limits and no temp files. */
    private readonly forms?: FormHost,
  ) {}

  /** The method, uppercase (`HEAD` stays `HEAD` even when a `GET` route answers it). */
  get method(): string {
    return this.scope.method;
  }

  /** The percent-decoded path, without the query string (and without the app's mount prefix). */
  get path(): string {
    return this.scope.path;
  }

  /** `http` or `https`. */
  get scheme(): string {
    return this.scope.scheme;
  }

  /** The peer's address, when the server knows it. */
  get client(): Address | null {
    return this.scope.client;
  }

  /** The full URL, from the scheme, the `Host` header (else the server address), the mount prefix and the raw path. */
  get url(): URL {
    this.urlValue ??= buildUrl(this.scope, this.headers.get('host'));
    return this.urlValue;
  }

  /** The query parameters, multi-valued (`getAll`), in order. */
  get query(): URLSearchParams {
    this.queryValue ??= new URLSearchParams(this.scope.queryString);
    return this.queryValue;
  }

  /** The headers: case-insensitive, multi-valued. */
  get headers(): RequestHeaders {
    this.headersValue ??= new RequestHeaders(this.scope.headers);
    return this.headersValue;
  }

  /** The cookies the client sent, by name, values percent-decoded. */
  get cookies(): Readonly<Record<string, string>> {
    this.cookiesValue ??= parseCookieHeader(this.headers.get('cookie'));
    return this.cookiesValue;
  }

  /** The `Content-Type` media type without parameters, lowercased (`''` when absent). */
  get mediaType(): string {
    return mediaTypeOf(this.headers.get('content-type'));
  }

  /**
   * The body as it streams in, chunk by chunk, without caching (the size limit still applies: a declared
   * `Content-Length` over it fails with 413 before a byte is yielded). Once it has been streamed it cannot
   * be read again; after `bytes()`/`json()`/... it yields the cached bytes.
   *
   * @example
   * ```ts
   * let size = 0;
   * for await (const chunk of c.request.body) size += chunk.byteLength;
   * ```
   */
  get body(): AsyncIterable<Uint8Array> {
    if (this.bytesValue !== undefined) return cached(this.bytesValue);
    // Checked before claiming the stream: nothing is read, so a later bytes() gives the same 413.
    const early = declaredTooLarge(this.headers.get('content-length'), this.maxBodySize);
    if (early) return refused(early);
    this.claimStream();
    return receiveChunks(this.receive, this.maxBodySize);
  }

  /** The whole body, read once and cached. Rejects with a 413 `HTTPException` past the size limit. */
  bytes(): Promise<Uint8Array> {
    if (this.bytesValue === undefined) {
      if (this.streamed)
        return Promise.reject(new TypeError('The request body was already consumed as a stream'));
      const early = declaredTooLarge(this.headers.get('content-length'), this.maxBodySize);
      this.bytesValue = early ? Promise.reject(early) : receiveAll(this.receive, this.maxBodySize);
    }
    return this.bytesValue;
  }

  /**
   * The body as text, in the charset the `Content-Type` declares (any the platform's `TextDecoder` knows,
   * such as `iso-8859-1` or `shift_jis`), else UTF-8. Bytes invalid in that charset reject with a 400
   * `HTTPException` (never replaced by U+FFFD), a charset the platform does not know with a 415.
   *
   * @example
   * ```ts
   * app.post('/note', async (c) => ({ length: (await c.request.text()).length }));
   * ```
   */
  text(): Promise<string> {
    // Promise chains, not async functions, on the body path: each async frame is an extra promise and
    // microtask hop per request, and a validated JSON route goes through three of these.
    const charset = this.otherCharset();
    if (charset === undefined) return this.bytes().then(decodeUtf8);
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      return Promise.reject(new HTTPException(415, `Unsupported charset: ${charset}`));
    }
    return this.bytes().then((bytes) => decodeWith(decoder, bytes, charset));
  }

  /**
   * The body parsed as JSON (cached); whatever the media type says, the bytes are parsed, as UTF-8 (RFC
   * 8259). Rejects with a 400 `HTTPException` for malformed JSON (`Malformed JSON body: <parser message>`),
   * bytes that are not UTF-8 or arrays/objects nested deeper than {@link Request.maxJsonDepth} (found
   * by a scan of the bytes before parsing), and with a 415 when the `Content-Type` declares another charset.
   *
   * @example
   * ```ts
   * app.post('/items', async (c) => {
   *   const item = await c.request.json<{ name: string }>();
   *   return { created: item.name };
   * });
   * ```
   */
  json<T = unknown>(): Promise<T> {
    if (this.jsonValue === undefined) {
      const charset = this.otherCharset();
      this.jsonValue =
        charset === undefined
          ? this.bytes().then((bytes) => parseJsonBody(bytes, this.maxJsonDepth))
          : Promise.reject(
              new HTTPException(415, `Unsupported charset for JSON: ${charset} (JSON is UTF-8)`),
            );
    }
    return this.jsonValue as Promise<T>;
  }

  /** The charset the `Content-Type` declares when it is not UTF-8 (or its subset US-ASCII). */
  private otherCharset(): string | undefined {
    const charset = charsetOf(this.headers.get('content-type'));
    return charset === undefined || isUtf8Charset(charset) ? undefined : charset;
  }

  /**
   * The form of an `application/x-www-form-urlencoded` or `multipart/form-data` body, parsed as it streams
   * in (the whole body is never held) and cached: later calls, validation and CSRF's token check share
   * it. Files past the spool threshold go to a temp file removed after the response. Limits: the route's
   * `uploads` option, else the app's config (`MAX_FORM_SIZE`, `MAX_FILE_SIZE`, ...); a form body is
   * bounded by `MAX_FORM_SIZE` instead of `MAX_BODY_SIZE`. Rejects with an `HTTPException`: 415 for
   * another content type, 413 past a size limit, 400 past a count limit or for a malformed body.
   *
   * @example
   * ```ts
   * app.post('/upload', async (c) => {
   *   const form = await c.request.form();
   *   const photos = form.getAll('photos').filter((value) => value instanceof UploadedFile);
   *   return { title: form.get('title'), sizes: photos.map((photo) => photo.size) };
   * });
   * ```
   */
  form(): Promise<ParsedForm> {
    this.formValue ??= parseForm({
      contentType: this.headers.get('content-type'),
      contentLength: this.headers.get('content-length'),
      body: () => this.formBody(),
      limits: this.forms?.uploadSettings() ?? STANDALONE_SETTINGS,
      deferCleanup: this.forms === undefined ? undefined : (cleanup) => this.forms!.deferCleanup(cleanup),
    });
    return this.formValue;
  }

  // The form parser counts the body against its own limit (MAX_FORM_SIZE), with a message naming it.
  private formBody(): AsyncIterable<Uint8Array> {
    if (this.bytesValue !== undefined) return cached(this.bytesValue);
    this.claimStream();
    return receiveChunks(this.receive, Number.POSITIVE_INFINITY);
  }

  private claimStream(): void {
    if (this.streamed) throw new TypeError('The request body was already consumed as a stream');
    this.streamed = true;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  return decodeWith(strictUtf8Decoder, bytes, 'UTF-8');
}

// A fatal decoder throws on bytes its charset cannot hold: the client sent something else than it said.
function decodeWith(decoder: TextDecoder, bytes: Uint8Array, charset: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new HTTPException(400, `Request body is not valid ${charset}`);
  }
}

function parseJsonBody(bytes: Uint8Array, maxDepth: number): unknown {
  // 0 would refuse every object and array: like Infinity, it switches the limit off.
  const text = decodeUtf8(bytes);
  if (maxDepth > 0 && jsonTooDeep(text, maxDepth)) {
    throw new HTTPException(400, `JSON body nested deeper than ${maxDepth} levels (MAX_JSON_DEPTH)`, {
      details: { maxJsonDepth: maxDepth },
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HTTPException(400, `Malformed JSON body: ${(error as Error).message}`);
  }
}

// The body of a request refused before reading: its first step fails with `error`.
function refused(error: HTTPException): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
}

async function* cached(bytes: Promise<Uint8Array>): AsyncGenerator<Uint8Array> {
  const value = await bytes;
  if (value.byteLength > 0) yield value;
}

function buildUrl(scope: HttpScope, host: string | null): URL {
  const authority =
    host ??
    (scope.server
      ? `${scope.server.host}${scope.server.port === null ? '' : `:${scope.server.port}`}`
      : 'localhost');
  const target = `${scope.rootPath}${scope.rawPath}${scope.queryString ? `?${scope.queryString}` : ''}`;
  try {
    return new URL(target, `${scope.scheme}://${authority}`);
  } catch {
    return new URL(target, `${scope.scheme}://localhost`);
  }
}
