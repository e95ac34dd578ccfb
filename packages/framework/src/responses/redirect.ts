import type { HeadersInit } from '../http/response-headers.js';
import { headerListFrom } from '../http/response-headers.js';
import { Response } from '../response.js';

/** The redirect statuses: 302/303 switch to GET, 307/308 keep the method and body; 301/308 are permanent. */
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/**
 * A redirect to `location` (a path or an absolute URL), with an empty body.
 *
 * @example
 * ```ts
 * app.post('/login', (c) => redirect(c.urlFor('home'), 303));
 * ```
 */
export function redirect(
  location: string,
  status: RedirectStatus = 302,
  init?: { headers?: HeadersInit },
): Response {
  if (![301, 302, 303, 307, 308].includes(status)) {
    throw new RangeError(`redirect() status must be 301, 302, 303, 307 or 308, got ${status}`);
  }
  const headers = headerListFrom(init?.headers);
  headers.push(['location', location]);
  return new Response(null, { status, headers });
}
