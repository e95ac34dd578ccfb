import type { ContentSecurityPolicyOptions } from './content-security-policy.js';
import { contentSecurityPolicy } from './content-security-policy.js';

/** A `Referrer-Policy` token. */
export type ReferrerPolicy =
  | 'no-referrer'
  | 'no-referrer-when-downgrade'
  | 'origin'
  | 'origin-when-cross-origin'
  | 'same-origin'
  | 'strict-origin'
  | 'strict-origin-when-cross-origin'
  | 'unsafe-url';

/** Options of `Strict-Transport-Security`, sent only on responses to https requests. */
export interface StrictTransportSecurityOptions {
  /** Seconds the browser keeps to https. Default `31536000` (365 days). */
  maxAge?: number;
  /** Default `true`. */
  includeSubDomains?: boolean;
  /** Asks for the browsers' preload list (see hstspreload.org first). Default `false`. */
  preload?: boolean;
}

/**
 * Options of `securityHeaders(options)`: each header is on with its default unless set to `false`
 * (Cross-Origin-Embedder-Policy: off unless set). Defaults follow helmet's.
 */
export interface SecurityHeadersOptions {
  /** Default: helmet's policy (see `DEFAULT_CSP_DIRECTIVES`). */
  contentSecurityPolicy?: ContentSecurityPolicyOptions | false;
  /** Default `max-age=31536000; includeSubDomains`, on https responses only. */
  strictTransportSecurity?: StrictTransportSecurityOptions | false;
  /** `nosniff`. Default on. */
  xContentTypeOptions?: boolean;
  /** Default `'no-referrer'`; a list is sent comma-separated (fallbacks for old browsers). */
  referrerPolicy?: ReferrerPolicy | readonly ReferrerPolicy[] | false;
  /** Default `'SAMEORIGIN'` (the CSP's `frame-ancestors` is the modern form of it). */
  xFrameOptions?: 'DENY' | 'SAMEORIGIN' | false;
  /** Default `'same-origin'`. */
  crossOriginOpenerPolicy?:
    | 'same-origin'
    | 'same-origin-allow-popups'
    | 'noopener-allow-popups'
    | 'unsafe-none'
    | false;
  /** Default `'same-origin'`: other sites may not embed the responses (use `'cross-origin'` for a CDN). */
  crossOriginResourcePolicy?: 'same-origin' | 'same-site' | 'cross-origin' | false;
  /** Default `false` (not sent): `'require-corp'` breaks every cross-origin embed that does not opt in. */
  crossOriginEmbedderPolicy?: 'require-corp' | 'credentialless' | 'unsafe-none' | false;
  /** `Origin-Agent-Cluster: ?1`. Default on. */
  originAgentCluster?: boolean;
  /** Default `'off'`. */
  xDnsPrefetchControl?: 'on' | 'off' | false;
  /** Default `'none'`. */
  xPermittedCrossDomainPolicies?: 'none' | 'master-only' | 'by-content-type' | 'all' | false;
  /** `X-XSS-Protection: 0`: turns off the old browsers' XSS auditor, itself a source of leaks. Default on. */
  xXssProtection?: boolean;
  /** `X-Download-Options: noopen` (old Internet Explorer). Default on. */
  xDownloadOptions?: boolean;
}

/** The headers to send, computed once: those for every response, and HSTS for https ones. */
export interface SecurityHeaderSet {
  readonly always: readonly (readonly [string, string])[];
  readonly https: readonly [string, string] | undefined;
}

/**
 * The header set for `options`, checked: a `TypeError` for a value that is not what the header takes.
 *
 * @example
 * ```ts
 * securityHeaderSet({ xFrameOptions: 'DENY', contentSecurityPolicy: false }).always;
 * // [['x-content-type-options', 'nosniff'], ['referrer-policy', 'no-referrer'], ['x-frame-options', 'DENY'], ...]
 * ```
 */
export function securityHeaderSet(options: SecurityHeadersOptions): SecurityHeaderSet {
  const always: [string, string][] = [];
  const add = (name: string, value: string | false | undefined, fallback: string): void => {
    if (value !== false) always.push([name, value ?? fallback]);
  };
  const flag = (name: string, on: boolean | undefined, value: string): void => {
    if (on !== false) always.push([name, value]);
  };
  if (options.contentSecurityPolicy !== false)
    always.push(contentSecurityPolicy(options.contentSecurityPolicy ?? {}));
  add('cross-origin-opener-policy', options.crossOriginOpenerPolicy, 'same-origin');
  add('cross-origin-resource-policy', options.crossOriginResourcePolicy, 'same-origin');
  if (options.crossOriginEmbedderPolicy !== undefined && options.crossOriginEmbedderPolicy !== false)
    always.push(['cross-origin-embedder-policy', options.crossOriginEmbedderPolicy]);
  flag('origin-agent-cluster', options.originAgentCluster, '?1');
  const referrer = options.referrerPolicy;
  add(
    'referrer-policy',
    Array.isArray(referrer) ? referrer.join(',') : (referrer as string | false),
    'no-referrer',
  );
  flag('x-content-type-options', options.xContentTypeOptions, 'nosniff');
  add('x-dns-prefetch-control', options.xDnsPrefetchControl, 'off');
  flag('x-download-options', options.xDownloadOptions, 'noopen');
  add('x-frame-options', options.xFrameOptions, 'SAMEORIGIN');
  add('x-permitted-cross-domain-policies', options.xPermittedCrossDomainPolicies, 'none');
  flag('x-xss-protection', options.xXssProtection, '0');
  for (const [name, value] of always) {
    if (!/^[\t\x20-\x7e]+$/.test(value))
      throw new TypeError(`securityHeaders: ${JSON.stringify(value)} is not a valid value for ${name}`);
  }
  const hsts = options.strictTransportSecurity;
  return { always, https: hsts === false ? undefined : strictTransportSecurity(hsts ?? {}) };
}

function strictTransportSecurity(options: StrictTransportSecurityOptions): [string, string] {
  const maxAge = options.maxAge ?? 31_536_000;
  if (!(Number.isInteger(maxAge) && maxAge >= 0))
    throw new TypeError(
      `securityHeaders: strictTransportSecurity.maxAge must be whole seconds, got ${maxAge}`,
    );
  let value = `max-age=${maxAge}`;
  if (options.includeSubDomains ?? true) value += '; includeSubDomains';
  if (options.preload === true) value += '; preload';
  return ['strict-transport-security', value];
}
