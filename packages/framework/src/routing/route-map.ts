import type { PathParams } from './path-params.js';
import type { QueryInput, UrlParamValue } from './url-builder.js';

/** The named routes of an app, endpoint name → path pattern, so `urlFor` can check names and params. */
export type RouteMap = Readonly<Record<string, string>>;

/**
 * The params `urlFor` takes for path pattern `P`: the same keys as {@link PathParams}, the optional ones
 * optional, each a string or a number (a wildcard also takes its segments as an array).
 *
 * @example
 * ```ts
 * const params: UrlParams<'/users/:id{/:tab}'> = { id: 3 }; // tab may be left out
 * ```
 */
export type UrlParams<P extends string> = { [K in keyof PathParams<P>]: UrlParamValue };

/**
 * A `urlFor` checked against a {@link RouteMap}: an unknown name or a missing param is a compile error,
 * and the params argument may be left out only when the route needs none.
 *
 * @example
 * ```ts
 * type Routes = { user: '/users/:id'; home: '/' };
 * const urlFor = router.urlFor.bind(router) as UrlFor<Routes>;
 * urlFor('user', { id: 3 }, { tab: 'posts' }); // '/users/3?tab=posts'
 * urlFor('home');
 * ```
 */
export type UrlFor<R extends RouteMap> = <N extends keyof R & string>(
  name: N,
  ...rest: {} extends UrlParams<R[N]>
    ? [params?: UrlParams<R[N]>, query?: QueryInput]
    : [params: UrlParams<R[N]>, query?: QueryInput]
) => string;
