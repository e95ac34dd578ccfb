import { locationFor } from './encode-path.js';
import type { Lookup } from './matcher.js';
import { Matcher } from './matcher.js';
import type { Leaf, RouteInfo, RouteRecord } from './method-table.js';
import { type MatchedParams, NO_PARAMS, paramsFactory } from './params-object.js';
import { parseRoutePattern } from './route-pattern.js';
import type { QueryInput, UrlParamInput } from './url-builder.js';
import { appendQuery, queryString, UrlBuilder } from './url-builder.js';

/** A route to add: the methods it serves, its path pattern (path-to-regexp 8 syntax), an optional endpoint name. */
export interface RouterEntry<T> {
  readonly methods: readonly string[];
  readonly path: string;
  /** The endpoint name `urlFor` knows the route by. */
  readonly name?: string | undefined;
  /** What a match hands back, e.g. the handler record. */
  readonly value: T;
}

/** What `match` found for a method and a path. */
export type RouteMatch<T> =
  | { readonly kind: 'found'; readonly value: T; readonly params: MatchedParams; readonly route: RouteInfo }
  /** The path matches, not with this method. `allowed` is sorted, has HEAD when GET is there, and OPTIONS. */
  | { readonly kind: 'method-not-allowed'; readonly allowed: readonly string[] }
  /** Strict slashes: only the path with a trailing `/` exists. `location` is encoded; the caller adds the query. */
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'not-found' };

const NOT_FOUND: RouteMatch<never> = Object.freeze({ kind: 'not-found' });
const METHOD = /^[!#$%&'*+.^_`|~0-9A-Z-]+$/;

/**
 * The framework's router: path-to-regexp 8 patterns (`/users/:id`, `/files/*path`, `/{:lang/}docs`,
 * `/file.:ext`) compiled into one matcher whose cost grows with the path's segments, not the number of
 * routes, and reverse routing by endpoint name.
 *
 * Matching rules: a route is matched against the decoded request path, case-sensitively. When several
 * routes match, at each segment a static segment beats a segment mixing text and params, which beats a
 * whole-segment param, which beats a pattern with a wildcard before its end, which beats a trailing
 * wildcard; among equals the route added first wins. `HEAD` is served by a GET route when the pattern has
 * no HEAD route. Strict slashes (as in Flask): a route `/docs/` answers `/docs` with a redirect, a route
 * `/docs` does not answer `/docs/`.
 *
 * @example
 * ```ts
 * const router = new Router<string>();
 * router.add({ methods: ['GET'], path: '/users/:id', name: 'user', value: 'show user' });
 * router.match('GET', '/users/3'); // { kind: 'found', value: 'show user', params: { id: '3' }, ... }
 * router.match('POST', '/users/3'); // { kind: 'method-not-allowed', allowed: ['GET', 'HEAD', 'OPTIONS'] }
 * router.urlFor('user', { id: 3 }, { tab: 'posts' }); // '/users/3?tab=posts'
 * ```
 */
export class Router<T> {
  readonly #matcher = new Matcher<T>();
  readonly #routes: RouteRecord<T>[] = [];
  readonly #builders = new Map<string, UrlBuilder[]>();
  readonly #lookup: Lookup = { values: [], allowed: undefined };

  /**
   * Adds a route. Methods are upper-cased. Throws a `TypeError` for a path path-to-regexp rejects, a path
   * without a leading `/`, a param name used twice, or no valid method. Several routes may share a name:
   * `urlFor` builds the first one the given params fit.
   *
   * @example
   * ```ts
   * router.add({ methods: ['PUT', 'PATCH'], path: '/things/:id', name: 'update_thing', value: handler });
   * ```
   */
  add(definition: RouterEntry<T>): void {
    const methods = [...new Set(definition.methods.map((method) => method.toUpperCase()))];
    const invalid = methods.find((method) => !METHOD.test(method));
    if (methods.length === 0 || invalid !== undefined) {
      throw new TypeError(
        `route "${definition.path}" needs valid HTTP methods, got ${JSON.stringify(definition.methods)}`,
      );
    }
    const pattern = parseRoutePattern(definition.path);
    const name = definition.name || undefined;
    const route: RouteRecord<T> = {
      info: Object.freeze({ methods: Object.freeze(methods), path: definition.path, name }),
      value: definition.value,
    };
    // The builder throws for route text with no URL form (a lone surrogate): build it before registering.
    const builder = name === undefined ? undefined : new UrlBuilder(name, pattern);
    for (const variant of pattern.variants) {
      this.#matcher.insert(variant, methods, {
        route,
        params: paramsFactory(pattern.paramNames, variant.names),
      });
    }
    if (builder !== undefined)
      this.#builders.set(builder.name, [...(this.#builders.get(builder.name) ?? []), builder]);
    this.#routes.push(route);
  }

  /**
   * Matches a request: `method` as the scope has it (upper case), `path` the scope's decoded path (no
   * query). A `redirect`'s location is relative to the app's root: the caller prefixes `rootPath` and
   * keeps the query. For OPTIONS without an explicit route the answer is `method-not-allowed`, whose
   * `allowed` list the caller can send as an automatic OPTIONS response.
   *
   * @example
   * ```ts
   * const result = router.match(scope.method, scope.path);
   * if (result.kind === 'found') await result.value(result.params);
   * ```
   */
  match(method: string, path: string): RouteMatch<T> {
    const lookup = this.#lookup;
    const leaf = this.#matcher.find(method, path, lookup);
    if (leaf !== undefined) return found(leaf, lookup.values);
    const allowed = lookup.allowed;
    // OPTIONS on a path some route matches is answered there (automatically), never redirected.
    const answeredHere = method === 'OPTIONS' && allowed !== undefined;
    if (!answeredHere && !path.endsWith('/') && this.#serves(method, `${path}/`)) {
      const location = locationFor(`${path}/`);
      if (location !== undefined) return { kind: 'redirect', location };
    }
    if (allowed === undefined) return NOT_FOUND;
    allowed.add('OPTIONS');
    return { kind: 'method-not-allowed', allowed: [...allowed].sort() };
  }

  /**
   * The URL path of the route named `name` with `params` filled in (percent-encoded) and `query`
   * appended. Relative to the app's root. Throws a `TypeError` for an unknown name, a missing or unknown
   * param, or an empty value.
   *
   * @example
   * ```ts
   * router.urlFor('user', { id: 3 }, { page: 2 }); // '/users/3?page=2'
   * router.urlFor('static', { path: 'css/site.css' }); // '/static/css/site.css'
   * ```
   */
  urlFor(name: string, params: UrlParamInput = {}, query?: QueryInput): string {
    const builders = this.#builders.get(name);
    if (builders === undefined) {
      const known = [...this.#builders.keys()].sort().join(', ') || '(none)';
      throw new TypeError(`unknown endpoint "${name}"; known: ${known}`);
    }
    // Werkzeug's choice: of the routes whose params were all given, the one whose path takes the most.
    let builder: UrlBuilder | undefined;
    for (const candidate of builders) {
      if (candidate.problem(params) !== undefined) continue;
      if (builder === undefined || candidate.taken(params) > builder.taken(params)) builder = candidate;
    }
    builder ??= builders[0]!;
    const path = builder.build(params);
    const leftover = builder.leftover(params);
    if (leftover.length === 0) return path + queryString(query);
    // Params the path does not take go to the query string first, then `query` (Flask's rule).
    const search = appendQuery(new URLSearchParams(), leftover);
    return path + queryString(query === undefined ? search : appendQuery(search, query));
  }

  /**
   * The routes in the order they were added, for listings such as `flagon routes`.
   *
   * @example
   * ```ts
   * for (const route of router.routes()) console.log(route.methods.join(','), route.path, route.name ?? '');
   * ```
   */
  routes(): RouteInfo[] {
    return this.#routes.map((route) => route.info);
  }

  /**
   * The routes in the order they were added, each with the value a match hands back (an endpoint, for
   * the app), for tools that describe the routes, such as the OpenAPI plugin.
   *
   * @example
   * ```ts
   * for (const { info, value } of router.entries()) console.log(info.path, value);
   * ```
   */
  entries(): { readonly info: RouteInfo; readonly value: T }[] {
    return this.#routes.map((route) => ({ info: route.info, value: route.value }));
  }

  /** Whether `path` would be served for `method` (OPTIONS: by any route there). */
  #serves(method: string, path: string): boolean {
    const lookup = this.#lookup;
    return (
      this.#matcher.find(method, path, lookup) !== undefined ||
      (method === 'OPTIONS' && lookup.allowed !== undefined)
    );
  }
}

/**
 * A match that found its route: a class rather than an object literal, as is everything made per
 * request, because V8 may pretenure a literal's objects and then the young params they point to survive
 * their collections too (see responses/events.ts).
 */
class FoundRoute<T> {
  readonly kind = 'found' as const;
  constructor(
    readonly value: T,
    readonly params: MatchedParams,
    readonly route: RouteInfo,
  ) {}
}

function found<T>(leaf: Leaf<T>, values: readonly string[]): RouteMatch<T> {
  const params = leaf.params === null ? NO_PARAMS : leaf.params(values);
  return new FoundRoute(leaf.route.value, params, leaf.route.info);
}
