import type { HeaderList, HttpScope, HttpSend } from '@flagon/gateway/core';
import type { CookieOptions, PendingCookie } from './http/cookies.js';
import { checkCookie, serializeCookie } from './http/cookies.js';
import type { HeadersInit } from './http/response-headers.js';
import { checkHeader, headerListFrom, headerPair, ResponseHeaders } from './http/response-headers.js';
import { isBodilessStatus } from './http/status.js';
import { utf8Length } from './http/utf8.js';
import { ResponseChunk, ResponseStart } from './responses/events.js';
import { FileBody, measureFileBody, sendFileBody } from './responses/file.js';
import { ignoreRejection } from './responses/handled.js';
import type { PipeOptions } from './responses/pipe.js';
import { closeUnsentBody, pipeIterable } from './responses/pipe.js';

/** What a response body can be: text (sent as UTF-8), bytes, a stream of chunks, a file, or nothing. */
export type ResponseBody = string | Uint8Array | AsyncIterable<Uint8Array | string> | FileBody | null;

/** The status and headers of a new {@link Response}. */
export interface ResponseInit {
  /** Defaults to 200. */
  status?: number;
  headers?: HeadersInit;
  /** The `Content-Type`, unless `headers` has one. Each helper (`json`, `html`, ...) sets its own. */
  contentType?: string;
}

const EMPTY = new Uint8Array(0);

/** The `jsonValue` of a response `json()` did not make. */
export const NOT_JSON: unique symbol = Symbol('not made by json()');

/**
 * An HTTP response that knows how to send itself over the gateway: `await response.send(scope, send)`
 * emits `http.response.start` and the body events. A body held whole goes out with its start at once
 * (servers keep the order, [S-SEND-ORDER]); a streamed one awaits each `send` (backpressure), and is
 * closed when it will not be read (`HEAD`, 204, 304, a client gone before the start). It adds
 * `Content-Length` for text, byte and file bodies (refusing a different one of the user's own with a
 * TypeError), sends headers only for `HEAD`, and serializes its cookies with the request's scheme in
 * view (`Secure` on https).
 *
 * This is Flagon's own class, not the Fetch `Response`.
 *
 * @example
 * ```ts
 * const response = new Response('<h1>Hi</h1>', { status: 201, contentType: 'text/html; charset=utf-8' });
 * response.headers.set('x-request-id', '42');
 * response.setCookie('seen', '1', { maxAge: 3600 });
 * ```
 */
export class Response {
  status: number;
  body: ResponseBody;
  /** How a streamed body stops and keeps alive; set by `sse()`. */
  streaming: PipeOptions | undefined;
  /**
   * @internal The value `json()` serialized, kept so a route's `response` schema can write it instead
   * (see responses/from-result.ts); {@link NOT_JSON} for every other response.
   */
  jsonValue: unknown;
  private readonly headerList: [string, string][];
  private headersView: ResponseHeaders | undefined;
  private cookies: PendingCookie[] | undefined;
  /** The file body last measured by `prepare`, and how many bytes it sends. */
  private fileCheck: { readonly file: FileBody; readonly length: Promise<number> } | undefined;

  constructor(body: ResponseBody = null, init?: ResponseInit) {
    const status = init?.status ?? 200;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`Response status must be an integer from 200 to 599, got ${status}`);
    }
    this.status = status;
    this.body = body;
    this.streaming = undefined;
    this.jsonValue = NOT_JSON;
    this.headersView = undefined;
    this.cookies = undefined;
    this.fileCheck = undefined;
    const given = init?.contentType;
    // A 204 or 304 has no body, so no type for one: `json(null, { status: 204 })` once said JSON.
    const contentType = isBodilessStatus(status)
      ? undefined
      : given === undefined
        ? defaultContentType(body)
        : checkedContentType(given);
    if (init?.headers === undefined) {
      // The common response: a list of exactly its one pair (pushing onto [] grows 16 slots), made with
      // `new` as everything per request is (see responses/events.ts).
      this.headerList = new Array(contentType === undefined ? 0 : 1);
      if (contentType !== undefined) this.headerList[0] = headerPair('content-type', contentType);
      return;
    }
    this.headerList = headerListFrom(init.headers);
    if (contentType !== undefined && !hasHeader(this.headerList, 'content-type')) {
      this.headerList.push(['content-type', contentType]);
    }
  }

  /** The headers, case-insensitive and mutable (an `after` hook may add to them). */
  get headers(): ResponseHeaders {
    this.headersView ??= new ResponseHeaders(this.headerList);
    return this.headersView;
  }

  /**
   * Sets a cookie. Defaults are the safe ones: `Path=/`, `HttpOnly`, `SameSite=Lax`, and `Secure` when
   * the request came over https. An invalid name or attribute throws a `TypeError`.
   *
   * @example
   * ```ts
   * response.setCookie('sid', token, { maxAge: 86400, sameSite: 'Strict' });
   * ```
   */
  setCookie(name: string, value: string, options: CookieOptions = {}): this {
    checkCookie(name, value, options);
    return this.setCheckedCookie({ name, value, options });
  }

  /**
   * @internal Sets a cookie its maker already checked: the session cookie, whose name and options are
   * checked once per config and whose value is base64url, so no response pays for checking them again.
   */
  setCheckedCookie(cookie: PendingCookie): this {
    this.cookies ??= [];
    this.cookies.push(cookie);
    return this;
  }

  /**
   * Tells the browser to drop a cookie (an expired one with the same name, path and domain).
   *
   * @example
   * ```ts
   * response.deleteCookie('sid');
   * ```
   */
  deleteCookie(
    name: string,
    // `partitioned` too: a CHIPS cookie is deleted only by one set in the same partition.
    options: Pick<CookieOptions, 'path' | 'domain' | 'secure' | 'sameSite' | 'partitioned'> = {},
  ): this {
    return this.setCookie(name, '', { ...options, maxAge: 0, expires: new Date(0) });
  }

  /**
   * Sends this response over the gateway: start, then the body (headers only for `HEAD`). Rejects with
   * `ClientDisconnectedError` when the client went away mid-way.
   *
   * @example
   * ```ts
   * await json({ ok: true }).send(scope, send);
   * ```
   */
  send(scope: HttpScope, send: HttpSend): Promise<void> {
    // Not async: the common response (start, one final chunk) costs no promise of its own.
    try {
      const bodiless = isBodilessStatus(this.status);
      if (bodiless) this.discard();
      const body = bodiless ? null : this.body;
      if (!isPlainBody(body)) return this.sendStreamed(scope, send, body);
      let length: string | undefined;
      if (!bodiless) {
        const size = body === null ? 0 : typeof body === 'string' ? utf8Length(body) : body.byteLength;
        // The framework frames what it knows: a length of the user's own must be the body's.
        if (!this.holdsOwnLength(size, scope.method)) length = String(size);
      }
      const headers = this.outgoingHeaders(scope, length);
      // Start and body at once: servers handle sends in call order ([S-SEND-ORDER]), and a body held
      // whole needs no backpressure after its start. Awaiting the start first cost a promise, a closure
      // and a microtask turn per response (~90 of ~330 ns in the framework, measured). A start the server
      // refuses leaves the body refused too, so the body's promise answers for both.
      const started = send(new ResponseStart(this.status, headers));
      const ended = send(new ResponseChunk(scope.method === 'HEAD' || body === null ? EMPTY : body, false));
      // A server may hand back one settled promise for both (the reference server does): then whoever
      // handles the one returned handles both, and observing the start costs no reaction job. Otherwise
      // a refused start is what to report, not the body refused after it for coming out of order.
      if (started === ended) return ended;
      // Observed at once: a body refused while its start is still pending is not an unhandled rejection.
      ended.catch(ignoreRejection);
      return started.then(() => ended);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * @internal Checks, once per body, what can fail before the response starts: that a file body's file
   * is there (resolving to the bytes it sends). Dispatch calls it as soon as the handler answered, so a
   * missing file fails as the handler would have (through the error handlers); `send` checks a body it
   * was not called for.
   */
  prepare(method: string): Promise<number> | undefined {
    const body = this.body;
    if (isBodilessStatus(this.status)) return undefined;
    if (body instanceof FileBody) {
      return this.measured(body).then((length) => {
        this.holdsOwnLength(length, method);
        return length;
      });
    }
    if (isPlainBody(body)) {
      this.holdsOwnLength(
        body === null ? 0 : typeof body === 'string' ? utf8Length(body) : body.byteLength,
        method,
      );
    }
    return undefined;
  }

  /**
   * True when the headers carry a `content-length` of the user's own, once it is known to be `size`, the
   * bytes the body sends; throws a TypeError when it is not (a client would read the rest of the
   * connection as this body, or this body's tail as the next response). On `HEAD` it is the user's to
   * announce: no body goes out.
   */
  private holdsOwnLength(size: number, method: string): boolean {
    const own = headerValue(this.headerList, 'content-length');
    if (own === undefined) return false;
    if (method !== 'HEAD' && own !== String(size)) {
      throw new TypeError(
        `Response content-length ${JSON.stringify(own)} does not match its body (${size} bytes): ` +
          'leave it out, the framework sets it',
      );
    }
    return true;
  }

  /**
   * @internal Lets go of the body when it will not be sent (an `after` hook or an error's answer took
   * this response's place): a streamed body is closed, so its producer's `finally` runs. Harmless on a
   * stream already read to its end.
   */
  discard(): void {
    const body = this.body;
    if (!isPlainBody(body) && !(body instanceof FileBody)) closeUnsentBody(body);
  }

  /**
   * @internal True when sending runs no user code (no stream, no file) and has no `content-length` of the
   * user's own to check: dispatch may skip its bookkeeping (`prepare` checks it, through the error handlers).
   */
  hasPlainBody(): boolean {
    return isPlainBody(this.body) && headerValue(this.headerList, 'content-length') === undefined;
  }

  /**
   * The headers as they go out: the response's own, then its cookies (serialized with the request's
   * scheme in view), then the Content-Length when one is given. One list of the exact size, and the
   * response's own list is left as it was, so sending twice sends the same headers.
   */
  private outgoingHeaders(scope: HttpScope, length: string | undefined): HeaderList {
    const own = this.headerList;
    const cookies = this.cookies;
    if (cookies === undefined && length === undefined) return own;
    const extra = (cookies === undefined ? 0 : cookies.length) + (length === undefined ? 0 : 1);
    const list = new Array<readonly [string, string]>(own.length + extra);
    let at = 0;
    for (; at < own.length; at++) list[at] = own[at]!;
    if (cookies !== undefined) {
      const https = scope.scheme === 'https';
      for (const cookie of cookies) list[at++] = headerPair('set-cookie', serializeCookie(cookie, https));
    }
    if (length !== undefined) list[at] = headerPair('content-length', length);
    return list;
  }

  private async sendStreamed(
    scope: HttpScope,
    send: HttpSend,
    body: AsyncIterable<Uint8Array | string> | FileBody,
  ): Promise<void> {
    if (body instanceof FileBody) return this.sendFile(scope, send, body);
    try {
      await send(new ResponseStart(this.status, this.outgoingHeaders(scope, undefined)));
    } catch (error) {
      // The client left before the start (or a header could not go out): no one will read the body.
      closeUnsentBody(body);
      throw error;
    }
    if (scope.method === 'HEAD') {
      closeUnsentBody(body);
      await send(new ResponseChunk(EMPTY, false));
    } else await pipeIterable(body, scope, send, this.streaming);
  }

  /** A file's length is known once measured: GET and HEAD both announce it (RFC 9110 §9.3.2). */
  private async sendFile(scope: HttpScope, send: HttpSend, file: FileBody): Promise<void> {
    const length = await this.measured(file);
    const declared = this.holdsOwnLength(length, scope.method) ? undefined : String(length);
    await send(new ResponseStart(this.status, this.outgoingHeaders(scope, declared)));
    if (scope.method === 'HEAD') await send(new ResponseChunk(EMPTY, false));
    else await sendFileBody(file, length, scope, send);
  }

  /** How many bytes `file` sends, measured once per body. */
  private measured(file: FileBody): Promise<number> {
    if (this.fileCheck?.file !== file) this.fileCheck = { file, length: measureFileBody(file) };
    return this.fileCheck.length;
  }
}

function isPlainBody(body: ResponseBody): body is string | Uint8Array | null {
  return body === null || typeof body === 'string' || body instanceof Uint8Array;
}

// The helpers pass the same few content types on every response: remember the last one checked.
let lastContentType = 'text/plain; charset=utf-8';

/** `contentType` as given, once it is known to hold no CR, LF or NUL (the option takes user input too). */
function checkedContentType(contentType: string): string {
  if (contentType !== lastContentType) {
    checkHeader('content-type', contentType);
    lastContentType = contentType;
  }
  return contentType;
}

function defaultContentType(body: ResponseBody): string | undefined {
  if (body === null) return undefined;
  return typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

function hasHeader(list: readonly (readonly [string, string])[], name: string): boolean {
  return headerValue(list, name) !== undefined;
}

function headerValue(list: readonly (readonly [string, string])[], name: string): string | undefined {
  for (let i = 0; i < list.length; i++) if (list[i]![0] === name) return list[i]![1];
  return undefined;
}
