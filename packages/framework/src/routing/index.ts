// The router's public surface, for the app (dispatch, urlFor, the CLI) and for users who route by hand.

export type { RouteInfo } from './method-table.js';
export type { MatchedParams } from './params-object.js';
export { NO_PARAMS } from './params-object.js';
export type { PathParams } from './path-params.js';
export type { RouteMap, UrlFor, UrlParams } from './route-map.js';
export type { RouteDefinition, RouteMatch } from './router.js';
export { Router } from './router.js';
export type { QueryInput, QueryValue, UrlParamInput, UrlParamValue } from './url-builder.js';
