type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The three-digit numbers whose first digit is in `First`, as number literals. */
type ThreeDigits<First extends number> = `${First}${Digit}${Digit}` extends `${infer N extends number}`
  ? N
  : never;

/**
 * The status of a final response: 200 to 599 (RFC 9110 §15; 1xx are interim), so `status: 999` is a
 * compile error.
 *
 * @example
 * ```ts
 * const created: StatusCode = 201;
 * ```
 */
export type StatusCode = ThreeDigits<2 | 3 | 4 | 5>;

/**
 * An error status, 400 to 599: what `abort` takes, so `abort(200)` is a compile error.
 *
 * @example
 * ```ts
 * const missing: ErrorStatusCode = 404;
 * ```
 */
export type ErrorStatusCode = ThreeDigits<4 | 5>;

/**
 * The request methods a route may name (RFC 9110's, PATCH, and QUERY): `methods: ['GTE']` is a compile
 * error. An extension method (WebDAV's) is spelled with a cast: `'PROPFIND' as HttpMethod`.
 *
 * @example
 * ```ts
 * const methods: HttpMethod[] = ['PUT', 'PATCH'];
 * ```
 */
export type HttpMethod =
  | 'GET'
  | 'HEAD'
  | 'POST'
  | 'PUT'
  | 'PATCH'
  | 'DELETE'
  | 'OPTIONS'
  | 'TRACE'
  | 'CONNECT'
  | 'QUERY';
