import type { RequestInfo } from '../memory/core/exchange-scope.js';
import { toHeaderList } from '../memory/core/header-list.js';
import { targetUnderRoot } from '../root-path.js';
import type { Address, HeaderList } from '../types.js';
import { headerListOfRaw } from './raw-headers.js';

/** What a Fetch `Request` cannot tell about itself and the host (or the options) supply. */
export interface RequestSurroundings {
  readonly rootPath: string;
  readonly client: Address | null;
  readonly server: Address | null;
  /** What the host says the request's version is; Fetch itself does not tell. */
  readonly httpVersion: string;
  /** The request's headers as Node's `rawHeaders`, where the host hands them over; else `null`. */
  readonly rawHeaders?: readonly string[] | null;
}

/**
 * The scope fields for a Fetch `Request`: scheme, rawPath and queryString from its URL (the host decodes
 * the path), its headers (with a `host` header from the URL when the request has none), read from the
 * `Request` when the app first asks for them. A path under `rootPath` has the prefix taken off (see
 * `targetUnderRoot`), as on every transport. Fetch does not expose the HTTP version: it comes from the
 * host, as the addresses do.
 *
 * `request.url` is a serialized URL (the URL parser wrote it), so its parts are sliced out of it as
 * `new URL(request.url)` would give them, without parsing it again: that parse was a tenth of a small
 * request's cost.
 *
 * @example
 * ```ts
 * const scope = new FetchRequestInfo(new Request('https://a.test/api/x%20y?q=1'), {
 *   rootPath: '/api', client: null, server: null, httpVersion: '1.1',
 * });
 * scope.rawPath; // '/x%20y'
 * ```
 */
export class FetchRequestInfo implements RequestInfo {
  readonly httpVersion: string;
  readonly method: string;
  readonly scheme: string;
  readonly rawPath: string;
  readonly queryString: string;
  readonly rootPath: string;
  readonly client: Address | null;
  readonly server: Address | null;
  readonly #request: Request;
  readonly #authority: string;
  readonly #rawHeaders: readonly string[] | null;
  #headers: HeaderList | undefined;

  constructor(request: Request, around: RequestSurroundings) {
    const url = urlParts(request.url);
    this.#request = request;
    this.#authority = url.authority;
    this.#rawHeaders = around.rawHeaders ?? null;
    this.httpVersion = around.httpVersion;
    this.method = request.method.toUpperCase();
    this.scheme = url.scheme;
    this.rootPath = around.rootPath;
    this.rawPath = targetUnderRoot(url.path, around.rootPath);
    this.queryString = url.query;
    this.client = around.client;
    this.server = around.server;
  }

  get headers(): HeaderList {
    if (this.#headers === undefined) {
      const raw = this.#rawHeaders;
      const headers = raw === null ? headerListOf(this.#request.headers) : headerListOfRaw(raw);
      // A URL's host leaves out user info, as `new URL(url).host` does.
      const host = this.#authority.slice(this.#authority.lastIndexOf('@') + 1);
      this.#headers = headers.some(([name]) => name === 'host') ? headers : [['host', host], ...headers];
    }
    return this.#headers;
  }
}

/**
 * A `Headers` as a header list: its entries as they come (fresh pairs, names already lowercase), without
 * the copy and lowercasing `toHeaderList` gives any input. A polyfill's object goes through that.
 */
function headerListOf(headers: Headers): HeaderList {
  if (!(headers instanceof Headers)) return toHeaderList(headers);
  const list: Array<readonly [string, string]> = [];
  for (const entry of headers) list.push(entry);
  return list;
}

interface UrlParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
}

/**
 * The parts of a serialized http(s) URL, `scheme://authority/path?query#fragment`, as `new URL` gives
 * them (`protocol` without its colon, `pathname`, `search` without its `?`); anything else is parsed.
 */
function urlParts(url: string): UrlParts {
  const schemeEnd = url.indexOf(':');
  const authorityStart = schemeEnd + 3;
  const pathStart = url.indexOf('/', authorityStart);
  if (schemeEnd === -1 || pathStart === -1 || !url.startsWith('//', schemeEnd + 1))
    return parsedUrlParts(url);
  const fragment = url.indexOf('#', pathStart);
  const end = fragment === -1 ? url.length : fragment;
  const query = url.indexOf('?', pathStart);
  const pathEnd = query === -1 || query > end ? end : query;
  return {
    scheme: url.slice(0, schemeEnd),
    authority: url.slice(authorityStart, pathStart),
    path: url.slice(pathStart, pathEnd),
    query: pathEnd === end ? '' : url.slice(pathEnd + 1, end),
  };
}

function parsedUrlParts(url: string): UrlParts {
  const parsed = new URL(url);
  return {
    scheme: parsed.protocol.slice(0, -1),
    authority: parsed.host,
    path: parsed.pathname,
    query: parsed.search.slice(1),
  };
}
