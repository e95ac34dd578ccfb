/** A Content-Security-Policy's directives: name to sources; `[]` for one without sources. */
export type CspDirectives = Readonly<Record<string, readonly string[] | null>>;

/** Options of the `Content-Security-Policy` header. */
export interface ContentSecurityPolicyOptions {
  /**
   * Directives by their name (`'script-src'`, or camel case `scriptSrc`); `null` drops a default one.
   * Merged over the defaults unless `useDefaults` is false.
   */
  directives?: CspDirectives;
  /** Starts from {@link DEFAULT_CSP_DIRECTIVES}. Default `true`. */
  useDefaults?: boolean;
  /** Sends `Content-Security-Policy-Report-Only` instead: violations are reported, not blocked. */
  reportOnly?: boolean;
}

/** The default policy, helmet's: same-origin everything, no plugins, no inline scripts. */
export const DEFAULT_CSP_DIRECTIVES: CspDirectives = Object.freeze({
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'font-src': ["'self'", 'https:', 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", 'https:', "'unsafe-inline'"],
  'upgrade-insecure-requests': [],
});

// Keywords that only mean something quoted: `self` unquoted is a host named "self".
const KEYWORDS = new Set([
  'self',
  'none',
  'unsafe-inline',
  'unsafe-eval',
  'unsafe-hashes',
  'strict-dynamic',
  'report-sample',
  'wasm-unsafe-eval',
]);
const DIRECTIVE_NAME = /^[a-z][a-z-]*$/;

/**
 * The header `[name, value]` for `options`: a `TypeError` for a directive value that would break the
 * header (`;` or `,`, which would start another directive or policy) or an unquoted keyword.
 *
 * @example
 * ```ts
 * contentSecurityPolicy({ directives: { scriptSrc: ["'self'", 'https://cdn.example'] } });
 * // ['content-security-policy', "default-src 'self';...;script-src 'self' https://cdn.example;..."]
 * ```
 */
export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): [string, string] {
  const merged = new Map<string, readonly string[] | null>();
  if (options.useDefaults ?? true)
    for (const [name, sources] of Object.entries(DEFAULT_CSP_DIRECTIVES)) merged.set(name, sources);
  for (const [given, sources] of Object.entries(options.directives ?? {}))
    merged.set(
      given.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`),
      sources,
    );
  const parts: string[] = [];
  for (const [name, sources] of merged) {
    if (sources === null) continue;
    if (!DIRECTIVE_NAME.test(name))
      throw new TypeError(`securityHeaders: ${JSON.stringify(name)} is not a CSP directive name`);
    for (const source of sources) checkSource(name, source);
    parts.push(sources.length === 0 ? name : `${name} ${sources.join(' ')}`);
  }
  if (parts.length === 0)
    throw new TypeError('securityHeaders: the Content-Security-Policy has no directive');
  const header =
    options.reportOnly === true ? 'content-security-policy-report-only' : 'content-security-policy';
  return [header, parts.join(';')];
}

function checkSource(directive: string, source: string): void {
  if (typeof source !== 'string' || source === '' || /[;,\s]/.test(source))
    throw new TypeError(
      `securityHeaders: CSP ${directive} holds ${JSON.stringify(source)}: a source is one word, without ';' or ','`,
    );
  if (KEYWORDS.has(source) || /^(nonce|sha256|sha384|sha512)-/.test(source))
    throw new TypeError(
      `securityHeaders: CSP ${directive} holds ${source}, which must be quoted: "'${source}'"`,
    );
}
