/** Query parameters in any of the shapes a test or caller naturally has at hand. */
export type QueryInit = string | URLSearchParams | Readonly<Record<string, string | readonly string[]>>;

/** A request target split the way a scope carries it. */
export interface SplitTarget {
  /** The path as given, not decoded. */
  readonly rawPath: string;
  /** The query string without its `?`; `""` when there is none. */
  readonly queryString: string;
}

/**
 * Splits a request target (`/x?a=1`) into its raw path and query string, dropping any `#fragment`.
 *
 * @example
 * ```ts
 * splitTarget('/search?q=a%20b'); // { rawPath: '/search', queryString: 'q=a%20b' }
 * ```
 */
export function splitTarget(target: string): SplitTarget {
  const hash = target.indexOf('#');
  const withoutFragment = hash === -1 ? target : target.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  if (question === -1) return { rawPath: withoutFragment, queryString: '' };
  return { rawPath: withoutFragment.slice(0, question), queryString: withoutFragment.slice(question + 1) };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const STRAY_PERCENT = /%(?![0-9A-Fa-f]{2})/;

/**
 * Percent-decodes a raw path as UTF-8, the way `scope.path` carries it. Returns `null` for a target a
 * server cannot decode (not origin-form, a `%` without two hex digits, escapes that are not UTF-8):
 * the spec has the server answer those with 400 without calling the app.
 *
 * @example
 * ```ts
 * decodePath('/caf%C3%A9/a%2Fb'); // '/café/a/b'
 * decodePath('/%FF'); // null
 * ```
 */
export function decodePath(rawPath: string): string | null {
  if (!rawPath.startsWith('/')) return null;
  // Most paths have nothing escaped: no regular expression to run for them.
  if (!rawPath.includes('%')) return rawPath;
  if (STRAY_PERCENT.test(rawPath)) return null;
  try {
    return rawPath.replace(ESCAPE_RUN, (run) => {
      const bytes = new Uint8Array(run.length / 3);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
      return strictUtf8.decode(bytes);
    });
  } catch {
    return null;
  }
}

/**
 * Encodes query parameters as a query string without the leading `?`. A string is taken as already
 * encoded (a leading `?` is dropped); records repeat a key once per array element.
 *
 * @example
 * ```ts
 * encodeQuery({ tag: ['a', 'b'], q: 'x y' }); // 'tag=a&tag=b&q=x+y'
 * ```
 */
export function encodeQuery(query: QueryInit | undefined): string {
  if (query === undefined) return '';
  if (typeof query === 'string') return query.startsWith('?') ? query.slice(1) : query;
  if (query instanceof URLSearchParams) return query.toString();
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const one of typeof value === 'string' ? [value] : value) params.append(key, one);
  }
  return params.toString();
}

/**
 * Joins two query strings with `&`, skipping empty ones.
 *
 * @example
 * ```ts
 * joinQuery('a=1', 'b=2'); // 'a=1&b=2'
 * ```
 */
export function joinQuery(first: string, second: string): string {
  return first && second ? `${first}&${second}` : first || second;
}
