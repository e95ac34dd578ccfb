/**
 * The largest `name=value` a browser keeps (Flask's `max_cookie_size`): over 4093 bytes, browsers drop
 * the cookie silently, so one is never written and an incoming one is ignored.
 */
export const MAX_COOKIE_SIZE = 4093;

/** The signing purposes: a cookie session's values, or a server-side session's id. */
export const COOKIE_SESSION_PURPOSE = 'flagon.session';
export const STORED_SESSION_PURPOSE = 'flagon.session-id';

/**
 * The size in bytes of the cookie `name=value` (the value is base64url and dots, one byte a character).
 *
 * @example
 * ```ts
 * cookieSize('session', 'abc.k2.xyz'); // 18
 * ```
 */
export function cookieSize(name: string, value: string): number {
  return name.length + 1 + value.length;
}
