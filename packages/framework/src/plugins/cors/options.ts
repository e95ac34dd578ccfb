import type { Context } from '../../context.js';

/**
 * Decides whether `origin` (the request's `Origin` header, e.g. `https://app.example`) may read the
 * response; may be async (an allow-list in a database). Called only for requests that carry an `Origin`.
 */
export type CorsOriginFunction = (origin: string, c: Context) => boolean | Promise<boolean>;

/** Which origins may read the app's responses: see {@link CorsOptions.origin}. */
export type CorsOrigin = string | RegExp | readonly (string | RegExp)[] | CorsOriginFunction;

/** Options of `cors(options)`; every one has a default. */
export interface CorsOptions {
  /**
   * The origins allowed: `'*'` (any, the default; no credentials), one origin (`'https://app.example'`),
   * a RegExp tested against the whole `Origin` header, a list of both, or a function. An origin is
   * `scheme://host[:port]` with no path, as browsers send it (a trailing slash is refused at setup).
   */
  origin?: CorsOrigin;
  /** Methods a preflight allows. Default `['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']`. */
  methods?: readonly string[];
  /** Request headers a preflight allows. Default: those the preflight asks for (reflected). */
  allowedHeaders?: readonly string[];
  /** Response headers scripts may read besides the safelisted ones. Default none. */
  exposedHeaders?: readonly string[];
  /** Sends `Access-Control-Allow-Credentials: true` (cookies, HTTP auth). Default `false`. */
  credentials?: boolean;
  /** Seconds a browser may cache a preflight answer (`Access-Control-Max-Age`). Default: not sent. */
  maxAge?: number;
  /**
   * Answers a preflight's `Access-Control-Request-Private-Network: true` (Chrome's private network
   * access) with `Access-Control-Allow-Private-Network: true`. Default `false`.
   */
  privateNetwork?: boolean;
}

/** The options checked and normalized once, at setup. */
export interface CorsSettings {
  /** `'*'`, or the test an origin must pass. */
  readonly origin: '*' | ((origin: string, c: Context) => boolean | Promise<boolean>);
  readonly methods: string;
  readonly allowedHeaders: string | undefined;
  readonly exposedHeaders: string | undefined;
  readonly credentials: boolean;
  readonly maxAge: string | undefined;
  readonly privateNetwork: boolean;
}

const DEFAULT_METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'];
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What a browser puts in `Origin`: a scheme, a host and maybe a port; or `null` for opaque origins.
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+$/i;

/**
 * `options` checked and normalized: a `TypeError` saying what is wrong for an option no browser could
 * ever match or that would open the app to every site (`credentials` with origin `'*'`).
 *
 * @example
 * ```ts
 * corsSettings({ origin: ['https://app.example'], credentials: true });
 * corsSettings({ origin: '*', credentials: true }); // throws TypeError
 * ```
 */
export function corsSettings(options: CorsOptions): CorsSettings {
  const origin = options.origin ?? '*';
  const credentials = options.credentials ?? false;
  if (origin === '*' && credentials)
    throw new TypeError(
      "cors: credentials: true cannot go with origin '*': browsers refuse a credentialed response that allows any origin, and reflecting every origin instead would let any site act as the user. List the origins, or pass a function",
    );
  if (options.maxAge !== undefined && !(Number.isInteger(options.maxAge) && options.maxAge >= 0))
    throw new TypeError(`cors: maxAge must be a whole number of seconds, got ${options.maxAge}`);
  return {
    origin: origin === '*' ? '*' : originTest(origin),
    methods: tokenList('methods', options.methods ?? DEFAULT_METHODS),
    allowedHeaders:
      options.allowedHeaders === undefined ? undefined : tokenList('allowedHeaders', options.allowedHeaders),
    exposedHeaders:
      options.exposedHeaders === undefined || options.exposedHeaders.length === 0
        ? undefined
        : tokenList('exposedHeaders', options.exposedHeaders),
    credentials,
    maxAge: options.maxAge === undefined ? undefined : String(options.maxAge),
    privateNetwork: options.privateNetwork ?? false,
  };
}

function tokenList(option: string, names: readonly string[]): string {
  for (const name of names) {
    if (typeof name !== 'string' || !TOKEN.test(name))
      throw new TypeError(
        `cors: ${option} holds ${JSON.stringify(name)}, which is not a header or method name`,
      );
  }
  return names.join(', ');
}

/** The test for an origin option other than `'*'`. */
function originTest(origin: Exclude<CorsOrigin, '*'>): CorsSettings['origin'] {
  if (typeof origin === 'function') return origin;
  const list = Array.isArray(origin) ? (origin as readonly (string | RegExp)[]) : [origin as string | RegExp];
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of list) {
    if (entry instanceof RegExp) patterns.push(entry);
    else if (entry === '*')
      throw new TypeError("cors: '*' in a list of origins would allow any origin: pass origin: '*' alone");
    else if (typeof entry === 'string' && (entry === 'null' || ORIGIN.test(entry))) exact.add(entry);
    else
      throw new TypeError(
        `cors: ${JSON.stringify(entry)} is not an origin: browsers send scheme://host[:port] with no path or trailing slash (e.g. "https://app.example")`,
      );
  }
  return (requestOrigin) =>
    exact.has(requestOrigin) ||
    patterns.some((pattern) => {
      pattern.lastIndex = 0; // a /g or /y pattern would otherwise resume where the last test stopped
      return pattern.test(requestOrigin);
    });
}
