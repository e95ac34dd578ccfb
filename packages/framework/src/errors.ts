import type { HeadersInit } from './http/response-headers.js';
import { statusPhrase } from './http/status.js';
import type { ErrorStatusCode } from './http/status-codes.js';

/** What an {@link HTTPException} carries besides its status and message. */
export interface HTTPExceptionOptions {
  /** Headers for the error response (`Allow` on a 405, `WWW-Authenticate` on a 401, ...). */
  headers?: HeadersInit;
  /** Extra fields for the JSON error body, next to `error` (e.g. the `issues` of a 422). */
  details?: Readonly<Record<string, unknown>>;
  /** The error that led to this one (the original error behind a 500). */
  cause?: unknown;
}

/**
 * An error that is an HTTP answer: thrown anywhere in a request (hooks, validation, handler), it becomes
 * a response with its status, `{"error": message}` as JSON (or a small HTML page for browsers), unless an
 * error handler for its status or class answers instead.
 *
 * @example
 * ```ts
 * throw new HTTPException(409, 'That name is taken', { details: { field: 'name' } });
 * ```
 */
export class HTTPException extends Error {
  readonly status: number;
  readonly headers: HeadersInit | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(status: number, message?: string, options: HTTPExceptionOptions = {}) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`HTTPException status must be an integer from 400 to 599, got ${status}`);
    }
    super(
      message ?? statusPhrase(status),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'HTTPException';
    this.status = status;
    this.headers = options.headers;
    this.details = options.details;
  }
}

/**
 * Stops the request with an HTTP error: throws an {@link HTTPException}. The message defaults to the
 * status's reason phrase.
 *
 * @example
 * ```ts
 * app.get('/admin', (c) => {
 *   if (!c.g.user) abort(401, 'Log in first');
 *   return 'welcome';
 * });
 * ```
 */
export function abort(status: ErrorStatusCode, message?: string, options?: HTTPExceptionOptions): never {
  throw new HTTPException(status, message, options);
}

/**
 * The old name of {@link HTTPException}, the same class (so `instanceof` and error handlers keyed on
 * either name match both).
 *
 * @deprecated Use `HTTPException` (Flask's and Hono's name); `HTTPError` goes in the next minor version.
 */
export const HTTPError = HTTPException;
/** @deprecated Use `HTTPException`. */
export type HTTPError = HTTPException;
/** @deprecated Use `HTTPExceptionOptions`. */
export type HTTPErrorOptions = HTTPExceptionOptions;
