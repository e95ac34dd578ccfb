/**
 * The `Cache-Control` of a static file: `public, max-age=N` for `maxAge` seconds, or `no-cache` when
 * `maxAge` is `null`/`undefined` (Flask's default: the browser keeps the file but asks each time, which
 * the ETag makes a cheap 304). Anything but an integer >= 0 (or null) throws a `TypeError` naming `what`.
 *
 * @example
 * ```ts
 * cacheControl(3600); // 'public, max-age=3600'
 * cacheControl(undefined); // 'no-cache'
 * ```
 */
export function cacheControl(maxAge: unknown, what = 'maxAge'): string {
  if (maxAge === undefined || maxAge === null) return 'no-cache';
  if (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge < 0) {
    throw new TypeError(`${what} must be a whole number of seconds >= 0 or null, got ${String(maxAge)}`);
  }
  return `public, max-age=${maxAge}`;
}
