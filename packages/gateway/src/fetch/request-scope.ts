import type { RequestInfo } from '../memory/core/exchange.js';
import { toHeaderList } from '../memory/core/header-list.js';
import { targetUnderRoot } from '../root-path.js';
import type { Address } from '../types.js';

/** What a Fetch `Request` cannot tell about itself and the host (or the options) supply. */
export interface RequestSurroundings {
  readonly rootPath: string;
  readonly client: Address | null;
  readonly server: Address | null;
  /** What the host says the request's version is; Fetch itself does not tell. */
  readonly httpVersion: string;
}

/**
 * The scope fields for a Fetch `Request`: scheme, rawPath and queryString from its URL (the host decodes
 * the path), its headers (with a `host` header from the URL when the request has none). A path under
 * `rootPath` has the prefix taken off (see `targetUnderRoot`), as on every transport. Fetch does not expose
 * the HTTP version: it comes from the host, as the addresses do.
 *
 * @example
 * ```ts
 * const scope = scopeFromRequest(new Request('https://a.test/api/x%20y?q=1'), {
 *   rootPath: '/api', client: null, server: null, httpVersion: '1.1',
 * });
 * scope.rawPath; // '/x%20y'
 * ```
 */
export function scopeFromRequest(
  request: Request,
  around: RequestSurroundings,
): Omit<RequestInfo, 'state' | 'path'> {
  const url = new URL(request.url);
  const { rootPath } = around;
  const rawPath = targetUnderRoot(url.pathname, rootPath);
  const headers = toHeaderList(request.headers);
  return {
    httpVersion: around.httpVersion,
    method: request.method.toUpperCase(),
    scheme: url.protocol.slice(0, -1),
    rawPath,
    queryString: url.search.slice(1),
    rootPath,
    headers: headers.some(([name]) => name === 'host') ? headers : [['host', url.host], ...headers],
    client: around.client,
    server: around.server,
  };
}
