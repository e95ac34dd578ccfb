/**
 * The session scenario: a counter kept in a signed cookie session, read and written on every request.
 * Every contender signs with HMAC-SHA256 under the same secret and sets the same cookie attributes
 * (Flagon's defaults: HttpOnly, SameSite=Lax, Path=/, a max age of 31 days), so the work per request is
 * alike: verify the cookie, parse it, change it, serialize and sign it again.
 */

/** The signing secret every contender uses (a benchmark's, not a real one). */
export const SECRET_KEY = 'bench-secret-key-0123456789abcdef-not-for-production';

/** The session cookie's name (Flagon's default, `SESSION_COOKIE_NAME`). */
export const SESSION_COOKIE = 'session';

/** The session cookie's max age: 31 days, Flask's and Flagon's default. */
export const SESSION_MAX_AGE_SECONDS = 31 * 24 * 60 * 60;

/** What the counter session holds. */
export interface CounterSession {
  count?: number;
}

/**
 * The count a session holds: 0 for an empty one, or one whose value is not a counter.
 *
 * @example
 * ```ts
 * countOf(JSON.parse('{"count":1}')); // 1
 * countOf(undefined); // 0
 * ```
 */
export function countOf(session: unknown): number {
  const count = (session as CounterSession | null | undefined)?.count;
  return typeof count === 'number' && Number.isInteger(count) ? count : 0;
}

/**
 * The session a cookie value holds once its signature checked out: JSON, or empty when it is not.
 *
 * @example
 * ```ts
 * parseSession('{"count":1}'); // { count: 1 }
 * parseSession('nope'); // {}
 * ```
 */
export function parseSession(value: string): CounterSession {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null ? (parsed as CounterSession) : {};
  } catch {
    return {};
  }
}

/**
 * The body every contender answers with, for the count after its increment.
 *
 * @example
 * ```ts
 * counterAnswer(2); // { count: 2 }, sent as {"count":2}
 * ```
 */
export function counterAnswer(count: number): { count: number } {
  return { count };
}
