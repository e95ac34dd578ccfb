/**
 * Percent-encodes decoded path text (a request path, or the literal text of a route) for a URL: like
 * `encodeURI`, plus `?` and `#`, which in a path are data, not delimiters. Throws a `URIError` for a
 * string that is not well-formed UTF-16 (a lone surrogate), which has no URL form.
 *
 * @example
 * ```ts
 * encodePathText('/docs/café?'); // '/docs/caf%C3%A9%3F'
 * ```
 */
export function encodePathText(text: string): string {
  return encodeURI(text).replace(/[?#]/g, encodeURIComponent);
}

/**
 * Turns a leading `//` of an encoded path into `/%2F`, so a browser never reads it as a
 * protocol-relative URL (`//evil.example`) in a `Location` header; a server decodes it to the same path.
 *
 * @example
 * ```ts
 * withoutNetworkPath('//evil.example/'); // '/%2Fevil.example/'
 * ```
 */
export function withoutNetworkPath(path: string): string {
  return path.startsWith('//') ? `/%2F${path.slice(2)}` : path;
}

/**
 * A decoded request path as a safe URL path for a redirect, or `undefined` when it has no URL form.
 *
 * @example
 * ```ts
 * locationFor('//evil.example/ü/'); // '/%2Fevil.example/%C3%BC/'
 * ```
 */
export function locationFor(path: string): string | undefined {
  try {
    return withoutNetworkPath(encodePathText(path));
  } catch {
    return undefined;
  }
}
