// Types only. What a chained app or blueprint type knows of its named routes, for a checked `urlFor`.
// Kept cheap on purpose (Hono's chained route types cost seconds at 1,000 routes): each named route adds
// one `{ name: '/path' }` to an intersection carried by a phantom key; nothing is computed from a path
// until `urlFor` is called with that route's name.
import type { PathParams } from './path-params.js';
import type { UrlParamInput, UrlParamValue } from './url-builder.js';

/** The phantom key the named routes ride on (never set at run time). */
declare const namedRoutes: unique symbol;

/** A type knowing routes `R` (endpoint name → path pattern): what a chained `get(path, { name })` returns. */
export interface KnownRoutes<R> {
  readonly [namedRoutes]: R;
}

/** In a parameter: infers `R` from an argument knowing routes `R`, and takes one knowing none too. */
export interface RoutesMaybe<R> {
  readonly [namedRoutes]?: R;
}

/** The routes `T` knows (`{}` when it knows none: an app built with statements rather than a chain). */
export type RoutesOf<T> = T extends KnownRoutes<infer R> ? R : {};

/**
 * `T` knowing one more route, `N` at path `P`; `T` itself when the route has no literal name (none given,
 * or a `string` variable).
 *
 * @example
 * ```ts
 * type App = WithRoute<Flagon, 'user', '/users/:id'>; // app.urlFor('user', { id }) now checked
 * ```
 */
export type WithRoute<T, N extends string, P extends string> = [N] extends [never]
  ? T
  : string extends N
    ? T
    : T & KnownRoutes<{ [K in N]: P }>;

/**
 * `T` knowing the routes `R` of a blueprint named `B` registered on it, as `B.name`; `T` itself when
 * the blueprint knows none.
 *
 * @example
 * ```ts
 * type App = WithBlueprintRoutes<Flagon, 'admin', { user: '/users/:id' }>; // 'admin.user'
 * ```
 */
export type WithBlueprintRoutes<T, B extends string, R> = [keyof R] extends [never]
  ? T
  : string extends B
    ? T
    : T & KnownRoutes<{ [K in keyof R & string as `${B}.${K}`]: R[K] }>;

/** `T`'s known routes, carried over onto `U` (a `use()` returns a new type: routes declared before it stay known). */
export type KeepRoutes<T, U> = T extends KnownRoutes<infer R> ? U & KnownRoutes<R> : U;

/** The path of the static route every app may serve, as `urlFor('static', { filename })` names it. */
type StaticRoute = { static: '/static/*filename' };

/**
 * The endpoint names `urlFor` accepts on `T`: those of its known routes and `'static'`, or any string
 * when it knows none (the untyped form, where names are checked at run time).
 *
 * @example
 * ```ts
 * type N = UrlNames<typeof app>; // 'user' | 'admin.user' | 'static'
 * ```
 */
export type UrlNames<T> = T extends KnownRoutes<infer R> ? (keyof R & string) | 'static' : string;

/** The params of a typed `urlFor` for path pattern `P`: its params (numbers welcome), and any others as the query. */
type CheckedParams<P extends string> = { [K in keyof PathParams<P>]: UrlParamValue } & UrlParamInput;

/**
 * The arguments after the name of `urlFor(name, ...)` on `T`: the params, required when the route's
 * path has a required param, then `O` (the options). Untyped (`UrlParamInput`) when `T` knows no routes.
 *
 * @example
 * ```ts
 * type A = UrlArgs<typeof app, 'user', UrlForOptions>; // [params: { id: ... }, options?: UrlForOptions]
 * ```
 */
export type UrlArgs<T, N extends string, O> =
  T extends KnownRoutes<infer R>
    ? (R & StaticRoute)[N & keyof (R & StaticRoute)] extends infer P extends string
      ? {} extends PathParams<P>
        ? [params?: CheckedParams<P>, options?: O]
        : [params: CheckedParams<P>, options?: O]
      : [params?: UrlParamInput, options?: O]
    : [params?: UrlParamInput, options?: O];
