// `@flagon/framework/routing`: the router on its own, for those who route by hand; the app uses it too.

export type { RouteInfo } from './method-table.js';
export type { MatchedParams } from './params-object.js';
export { NO_PARAMS } from './params-object.js';
export type { PathParams } from './path-params.js';
export type { RouteMap, UrlFor, UrlParams } from './route-map.js';
export type { RouteMatch, RouterEntry } from './router.js';
export { Router } from './router.js';
export type { QueryInput, QueryValue, UrlParamInput, UrlParamValue } from './url-builder.js';
export type { RoutesOf, UrlNames } from './url-map-types.js';
