import type { Context } from '../../context.js';

/** Options of `requestId(options)`. */
export interface RequestIdOptions {
  /** The request and response header. Default `'x-request-id'`. */
  header?: string;
  /**
   * Whether an incoming id is reused: `'never'` (the default: anyone can send the header), `'always'`
   * (only behind a proxy that sets or strips it, such as Heroku's router or an nginx
   * `proxy_set_header X-Request-ID $request_id`), or a function deciding per request (the peer's
   * address in `c.scope.client`, a signature...). Even a trusted id is reused only when it passes
   * {@link isSaneRequestId}; otherwise a new one is made.
   */
  trust?: 'never' | 'always' | ((id: string, c: Context) => boolean);
  /** Makes a new id. Default `crypto.randomUUID()`. */
  generate?: () => string;
}

// Ids are written into logs and headers: a bounded length, and a charset with no space, quote, comma
// or control character, so an id can neither forge a log field nor split a header.
const SANE_ID = /^[A-Za-z0-9._~:+/=@-]{1,200}$/;

/**
 * True for an id fit to reuse: 1 to 200 characters of letters, digits and `._~:+/=@-` (UUIDs, ULIDs,
 * Heroku's and nginx's `$request_id` all fit).
 *
 * @example
 * ```ts
 * isSaneRequestId('0b6c1c1e-8f1a-4b7e-9d2c-1a2b3c4d5e6f'); // true
 * isSaneRequestId('x" injected="1'); // false
 * ```
 */
export function isSaneRequestId(id: string): boolean {
  return SANE_ID.test(id);
}

/** The options checked once, at setup. */
export interface RequestIdSettings {
  readonly header: string;
  readonly trust: (id: string, c: Context) => boolean;
  readonly generate: () => string;
}

/**
 * `options` checked: a `TypeError` for a header name that is not one.
 *
 * @example
 * ```ts
 * requestIdSettings({ header: 'X-Correlation-ID', trust: 'always' }).header; // 'x-correlation-id'
 * ```
 */
export function requestIdSettings(options: RequestIdOptions): RequestIdSettings {
  const header = (options.header ?? 'x-request-id').toLowerCase();
  if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(header))
    throw new TypeError(`requestId: ${JSON.stringify(options.header)} is not a header name`);
  const trust = options.trust ?? 'never';
  if (trust !== 'never' && trust !== 'always' && typeof trust !== 'function')
    throw new TypeError(`requestId: trust must be 'never', 'always' or a function, got ${String(trust)}`);
  return {
    header,
    trust: trust === 'never' ? () => false : trust === 'always' ? () => true : trust,
    generate: options.generate ?? (() => globalThis.crypto.randomUUID()),
  };
}
