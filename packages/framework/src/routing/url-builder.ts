import { compile, parse } from 'path-to-regexp';
import { encodePathText, withoutNetworkPath } from './encode-path.js';
import type { RoutePattern } from './route-pattern.js';

/** A value for a path param when building a URL; an array (or a `/`-joined string) fills a wildcard. */
export type UrlParamValue = string | number | readonly string[];

/** One query value; `true`/`false` are written as `true`/`false`. */
export type QueryValue = string | number | boolean;

/**
 * The params given to `urlFor`: the route's params fill the path (`undefined` leaves an optional one out),
 * the others become the query string (Flask's rule), where `null` and `undefined` are left out.
 */
export type UrlParamInput = Readonly<
  Record<string, UrlParamValue | QueryValue | readonly QueryValue[] | null | undefined>
>;

/** One query entry: a key and its value(s); `null`/`undefined` are left out. */
type QueryEntry = readonly [string, QueryValue | readonly QueryValue[] | null | undefined];

/** A query for `urlFor`: `null`/`undefined` entries are left out, arrays repeat the key. */
export type QueryInput =
  | URLSearchParams
  | Readonly<Record<string, QueryValue | readonly QueryValue[] | null | undefined>>;

/**
 * Builds paths for one named route with path-to-regexp's `compile`: param values percent-encoded, a
 * wildcard's value split on `/` into segments (each encoded), optional groups left out when their params
 * are missing, the route's literal text percent-encoded too.
 *
 * @example
 * ```ts
 * const builder = new UrlBuilder('user', parseRoutePattern('/users/:id'));
 * builder.build({ id: 'a b' }); // '/users/a%20b'
 * ```
 */
export class UrlBuilder {
  readonly #toPath: (params: Record<string, string | string[]>) => string;

  constructor(
    readonly name: string,
    readonly pattern: RoutePattern,
  ) {
    this.#toPath = compile(parse(pattern.path, { encodePath: encodePathText }));
  }

  /** Why `params` cannot build this route (a missing param), or `undefined` when they can. */
  problem(params: UrlParamInput): string | undefined {
    for (const name of this.pattern.requiredNames) {
      if (params[name] == null) return `endpoint "${this.name}" needs param "${name}"`;
    }
    return undefined;
  }

  /** How many of `params` this route's path takes: of the routes sharing a name, the one taking most wins. */
  taken(params: UrlParamInput): number {
    let count = 0;
    for (const name of this.pattern.paramNames) if (params[name] != null) count++;
    return count;
  }

  /** The entries of `params` the path does not take: they go to the query string. */
  leftover(params: UrlParamInput): QueryEntry[] {
    const names = this.pattern.paramNames;
    return Object.entries(params).filter(([name]) => !names.includes(name)) as QueryEntry[];
  }

  /** The path for `params` (those it takes); throws a `TypeError` for missing, empty or mistyped values. */
  build(params: UrlParamInput): string {
    const problem = this.problem(params);
    if (problem !== undefined) throw new TypeError(problem);
    // No prototype: a param may be called `__proto__`, which an ordinary object would not take as a key.
    const data: Record<string, string | string[]> = Object.create(null);
    for (const name of this.pattern.paramNames) {
      const value = params[name];
      if (value == null) continue;
      data[name] = this.#toSegments(name, value as UrlParamValue);
    }
    return withoutNetworkPath(this.#toPath(data));
  }

  #toSegments(name: string, value: UrlParamValue): string | string[] {
    const wildcard = this.pattern.wildcardNames.has(name);
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string' && !(wildcard && Array.isArray(value))) {
      throw new TypeError(`endpoint "${this.name}" param "${name}" must be a string or a number`);
    }
    if (value.length === 0) throw new TypeError(`endpoint "${this.name}" got an empty param "${name}"`);
    if (!wildcard) return value as string;
    return typeof value === 'string' ? value.split('/') : [...value];
  }
}

/**
 * The query string for `query`, with its leading `?`, or `''` when there is nothing to add.
 *
 * @example
 * ```ts
 * queryString({ page: 2, tag: ['a', 'b'], draft: undefined }); // '?page=2&tag=a&tag=b'
 * ```
 */
export function queryString(query: QueryInput | undefined): string {
  if (query === undefined) return '';
  const search = query instanceof URLSearchParams ? query : appendQuery(new URLSearchParams(), query);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * `search` with the entries of `query` appended: arrays repeat the key, `null` and `undefined` are left out.
 *
 * @example
 * ```ts
 * appendQuery(new URLSearchParams('a=1'), { tag: ['x', 'y'] }).toString(); // 'a=1&tag=x&tag=y'
 * ```
 */
export function appendQuery(
  search: URLSearchParams,
  query: QueryInput | readonly QueryEntry[],
): URLSearchParams {
  const entries: Iterable<QueryEntry> =
    query instanceof URLSearchParams || Array.isArray(query) ? query : Object.entries(query);
  for (const [key, value] of entries) {
    if (value === null || value === undefined) continue;
    const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue];
    for (const item of values) search.append(key, String(item));
  }
  return search;
}
