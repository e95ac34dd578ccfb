import type { HttpScope, HttpSend } from '@flagon/gateway/core';
import { headerValue } from '../http/request-headers.js';
import type { ResponseInit } from '../response.js';
import { Response } from '../response.js';
import type { FileBody } from '../responses/file.js';
import { measuredFileBody } from '../responses/file.js';
import { byteRange } from './byte-range.js';
import { ifRangeMatches, isNotModified } from './validators.js';

/**
 * A response for a whole file on disk (what `sendFile` returns), which answers the request's
 * conditional and range headers when it is sent, as Starlette's `FileResponse` does: `304` when the
 * client's copy is current (`If-None-Match`, else `If-Modified-Since`, on GET and HEAD), else for a GET
 * with one satisfiable `Range` (and a matching `If-Range`, if any) a `206` with those bytes and
 * `Content-Range`, or a `416` with `Content-Range: bytes *\/size` when nothing in the file is asked.
 * It reads its own `ETag` and `Last-Modified` then, so an `after` hook may change them.
 *
 * @example
 * ```ts
 * new FileResponse('/srv/static/app.css', 2048, { contentType: 'text/css; charset=utf-8' });
 * ```
 */
export class FileResponse extends Response {
  readonly #whole: FileBody;

  constructor(
    readonly path: string,
    readonly size: number,
    init?: ResponseInit,
  ) {
    const whole = measuredFileBody(path, 0, size);
    super(whole, init);
    this.#whole = whole;
    this.headers.set('accept-ranges', 'bytes');
  }

  override send(scope: HttpScope, send: HttpSend): Promise<void> {
    // Only the file as made, answered 200: a hook that changed the status or the body has its way.
    if (this.status === 200 && this.body === this.#whole) this.#answerPreconditions(scope);
    return super.send(scope, send);
  }

  #answerPreconditions(scope: HttpScope): void {
    const { method, headers } = scope;
    if (method !== 'GET' && method !== 'HEAD') return;
    const etag = this.headers.get('etag');
    const lastModified = this.headers.get('last-modified');
    if (isNotModified(headers, etag, lastModified)) {
      this.#answerWithout(304);
      return;
    }
    // Range is defined for GET only (RFC 9110 §14.2): a HEAD announces the whole file.
    const range = method === 'GET' ? headerValue(headers, 'range') : null;
    if (range === null || !ifRangeMatches(headerValue(headers, 'if-range'), etag, lastModified)) return;
    const answer = byteRange(range, this.size);
    if (answer.kind === 'part') {
      this.status = 206;
      this.body = measuredFileBody(this.path, answer.start, answer.end - answer.start + 1);
      this.headers.set('content-range', `bytes ${answer.start}-${answer.end}/${this.size}`);
    } else if (answer.kind === 'unsatisfiable') {
      this.#answerWithout(416);
      this.headers.set('content-range', `bytes */${this.size}`);
    }
  }

  /** Answers `status` with no body, so without the file's type either. */
  #answerWithout(status: number): void {
    this.status = status;
    this.body = null;
    this.headers.delete('content-type');
  }
}
