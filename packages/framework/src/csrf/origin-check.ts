import type { HttpScope } from '@flagon/gateway/core';
import { headerValue } from '../http/request-headers.js';

/**
 * Why a state-changing request must be refused as cross-origin, or `undefined` to go on to the token
 * check (OWASP's CSRF cheat sheet, and Go's `CrossOriginProtection`): `Sec-Fetch-Site` first (sent by
 * every current browser: `same-origin` and `none` (typed or bookmarked) pass, anything else is refused);
 * without it, an `Origin` other than the request's own (scheme and `Host`) is refused. `trusted`
 * origins pass both. Neither header (an old browser, or not a browser): the token decides.
 *
 * @example
 * ```ts
 * crossOriginRefusal(scope, []); // 'Origin https://evil.example does not match http://testserver'
 * ```
 */
export function crossOriginRefusal(scope: HttpScope, trusted: readonly string[]): string | undefined {
  const site = headerValue(scope.headers, 'sec-fetch-site');
  if (site === 'same-origin' || site === 'none') return undefined;
  const origin = headerValue(scope.headers, 'origin');
  if (origin !== null && trusted.length > 0 && trusted.includes(normalOrigin(origin) ?? '')) return undefined;
  if (site !== null) return `Cross-site request refused (Sec-Fetch-Site: ${site})`;
  if (origin === null) return undefined;
  const own = ownOrigin(scope);
  if (normalOrigin(origin) === own) return undefined;
  return `Origin ${origin} does not match ${own}`;
}

/** The request's own origin: its scheme and the host it was sent to. */
function ownOrigin(scope: HttpScope): string {
  const host =
    headerValue(scope.headers, 'host') ??
    (scope.server === null
      ? 'localhost'
      : `${scope.server.host}${scope.server.port === null ? '' : `:${scope.server.port}`}`);
  return normalOrigin(`${scope.scheme}://${host}`) ?? `${scope.scheme}://${host}`;
}

// Through the URL parser: default ports dropped, host lowercased, as browsers serialize an Origin.
function normalOrigin(text: string): string | undefined {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
