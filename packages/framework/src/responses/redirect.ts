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
  headers.push(['location', locationUri(location)]);
  return new Response(null, { status, headers });
}

/**
 * `location` as a URI: an IRI's non-ASCII characters (and spaces) percent-encoded as UTF-8, as
 * werkzeug's `iri_to_uri` does, since a header value cannot carry them. What is already encoded, and
 * CR/LF (refused by the header check), are left alone.
 */
function locationUri(location: string): string {
  return location.replace(/[\s\u0080-\uffff]+/g, (run) => {
    if (/[\r\n]/.test(run)) return run;
    try {
      return encodeURIComponent(run);
    } catch {
      throw new TypeError('redirect(): the location holds a lone surrogate, which no URL can carry');
    }
  });
}
