import { firstHeader } from '../memory/core/header-list.js';
import type { Address, HttpScope } from '../types.js';

// A host and an optional port: visible ASCII, without what would end an authority and start a path, a
// query, a fragment or user info (so a client's Host header cannot choose the path the handler sees).
const AUTHORITY = /^(?:(?![/?#@\\])[!-~])+$/;
// All but what WHATWG's path percent-encode set leaves alone: what the URL parser escapes in a path.
const ESCAPED_IN_PATH = /[^!$-;=@-_a-z|~]/gu;
const utf8 = new TextEncoder();

/**
 * The URL a Fetch `Request` for this scope gets: the scheme, the `host` header when it is a plain
 * authority (else the server address, else `localhost`), `rootPath`, `rawPath` and the query string.
 * Throws a `TypeError` when the URL parser would not keep the path as the client sent it (it resolves
 * `..` and `%2e%2e`, reads `\` as `/`, drops tabs): the handler must route on the path the client sent.
 *
 * @example
 * ```ts
 * requestUrl(scope).href; // 'https://store.test/shop/caf%C3%A9?q=1'
 * requestUrl({ ...scope, rawPath: '/public/%2e%2e/admin' }); // throws TypeError
 * ```
 */
export function requestUrl(scope: HttpScope): URL {
  const path = `${scope.rootPath}${scope.rawPath}`;
  const query = scope.queryString ? `?${scope.queryString}` : '';
  const url = new URL(`${scope.scheme}://${authorityOf(scope)}${path}${query}`);
  if (url.pathname !== escapedPath(path)) {
    throw new TypeError(`the path ${JSON.stringify(path)} would reach a Fetch handler as ${url.pathname}`);
  }
  return url;
}

function authorityOf(scope: HttpScope): string {
  const host = firstHeader(scope.headers, 'host');
  if (host && AUTHORITY.test(host)) return host;
  return formatAddress(scope.server);
}

function formatAddress(address: Address | null): string {
  if (!address || address.port === null) return 'localhost';
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `${host}:${address.port}`;
}

/** A raw path as the URL parser writes it when it changes nothing but its escaping. */
function escapedPath(path: string): string {
  return path.replace(ESCAPED_IN_PATH, (char) => {
    let escaped = '';
    for (const byte of utf8.encode(char)) escaped += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    return escaped;
  });
}
