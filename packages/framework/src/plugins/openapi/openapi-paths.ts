import { parseRoutePattern } from '../../routing/route-pattern.js';

/** One OpenAPI path of a route, and the params it has. */
export interface OpenAPIPath {
  /** `/users/{id}`: the route's path in OpenAPI's template syntax. */
  readonly path: string;
  readonly params: readonly string[];
}

/**
 * The OpenAPI paths of a route path: `:id` and `*rest` become `{id}` and `{rest}`, and a path with
 * optional groups, which OpenAPI cannot express, gives one path per form (`/{:lang/}docs`: `/{lang}/docs`
 * and `/docs`), as each is a URL the route answers.
 *
 * @example
 * ```ts
 * openAPIPaths('/users/:id{/:tab}'); // [{ path: '/users/{id}/{tab}', ... }, { path: '/users/{id}', ... }]
 * ```
 */
export function openAPIPaths(routePath: string): OpenAPIPath[] {
  return parseRoutePattern(routePath).variants.map((variant) => ({
    path: variant.tokens.map((token) => (token.type === 'text' ? token.value : `{${token.name}}`)).join(''),
    params: variant.names,
  }));
}
