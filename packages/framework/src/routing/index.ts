// The router's public surface, for the app (dispatch, urlFor, the CLI) and for users who route by hand.

export type { RouteInfo } from './method-table.js';
export type { PathParams } from './path-params.js';
export type { RouteMap, UrlFor, UrlParams } from './route-map.js';
export type { MatchedParams, RouteDefinition, RouteMatch } from './router.js';
export { NO_PARAMS, Router } from './router.js';
export type { QueryInput, QueryValue, UrlParamInput, UrlParamValue } from './url-builder.js';
