import type { Address, App, Extensions, GatewayInfo, HeaderList, HttpScope } from '../types.js';
import type { ForwardedInfo } from './proxy-headers.js';
import { forwardedInfo } from './proxy-headers.js';
import type { TrustedProxies } from './trusted-proxies.js';

/**
 * Wraps an app so that a request from a trusted proxy carries what the proxy said (see
 * `forwardedInfo`): `scope.client` becomes the real client, `scope.scheme` the client's scheme,
 * `scope.server` and the `host` header the host the client asked for, and `X-Forwarded-Prefix` goes in
 * front of `scope.rootPath` (and is taken off `scope.path` if the proxy left it there). A request from
 * any other peer reaches the app untouched: its headers could claim anything. uvicorn's
 * `ProxyHeadersMiddleware` and werkzeug's `ProxyFix` do the same for ASGI and WSGI.
 *
 * @example
 * ```ts
 * const served = withProxyHeaders(app, parseTrustedProxies('127.0.0.1,::1'));
 * ```
 */
export function withProxyHeaders(app: App, trusted: TrustedProxies): App {
  return (scope, receive, send) => {
    if (scope.type !== 'http' || !trusted.trusts(scope.client?.host)) return app(scope, receive, send);
    const info = forwardedInfo(scope.headers, scope.client?.host, trusted);
    return app(info === null ? scope : new ForwardedScope(scope, info), receive, send);
  };
}

/** An http scope as the proxy described it; everything it did not describe is the original's. */
class ForwardedScope implements HttpScope {
  readonly type = 'http' as const;
  readonly scheme: string;
  readonly client: Address | null;
  readonly server: Address | null;
  readonly rootPath: string;
  readonly path: string;
  readonly rawPath: string;
  readonly #inner: HttpScope;
  readonly #host: string | undefined;
  #headers: HeaderList | undefined;

  constructor(inner: HttpScope, info: ForwardedInfo) {
    this.#inner = inner;
    this.#host = info.host;
    this.scheme = info.scheme ?? inner.scheme;
    this.client = info.client === undefined ? inner.client : info.client;
    this.server = info.host === undefined ? inner.server : serverOf(info.host, this.scheme);
    const prefix = info.prefix ?? '';
    this.rootPath = prefix + inner.rootPath;
    this.path = underPrefix(inner.path, prefix);
    this.rawPath = underPrefix(inner.rawPath, prefix);
  }

  get gateway(): GatewayInfo {
    return this.#inner.gateway;
  }
  get httpVersion(): string {
    return this.#inner.httpVersion;
  }
  get method(): string {
    return this.#inner.method;
  }
  get queryString(): string {
    return this.#inner.queryString;
  }
  get headers(): HeaderList {
    const host = this.#host;
    if (host === undefined) return this.#inner.headers;
    this.#headers ??= this.#inner.headers.map((pair) =>
      pair[0] === 'host' ? (['host', host] as const) : pair,
    );
    return this.#headers;
  }
  get state(): Record<string, unknown> {
    return this.#inner.state;
  }
  get extensions(): Extensions {
    return this.#inner.extensions;
  }
  get signal(): AbortSignal {
    return this.#inner.signal;
  }
  get drain(): AbortSignal {
    return this.#inner.drain;
  }
}

function serverOf(host: string, scheme: string): Address {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host)!;
  const name = match[1]!.replace(/^\[|\]$/g, '');
  return { host: name, port: match[2] === undefined ? (scheme === 'https' ? 443 : 80) : Number(match[2]) };
}

/** `path` without `prefix` when the proxy left it on (`/api/users` under `/api`: `/users`). */
function underPrefix(path: string, prefix: string): string {
  if (prefix === '' || !path.startsWith(prefix)) return path;
  const rest = path.slice(prefix.length);
  if (rest === '') return '/';
  return rest.startsWith('/') ? rest : path;
}
