import { PathError } from 'path-to-regexp';

/** The route syntax in a line, for every error about a pattern that will not parse. */
export const ROUTE_SYNTAX_HINT =
  'Route syntax (path-to-regexp 8): ":id" a param, "{/:id}" an optional part (not ":id?"), ' +
  '"*rest" a wildcard (not ":rest*"), no "(regex)"; a backslash escapes a literal ":", "*", "{", "}", "(" or ")".';

/**
 * `error` (thrown by path-to-regexp for `path`) as a `TypeError` naming the route, with path-to-regexp's
 * own reason (its link to a web page dropped) and the syntax Flagon routes take; other errors as they are.
 *
 * @example
 * ```ts
 * explainPatternError('/users/:id?', error).message;
 * // 'route "/users/:id?" is not a valid pattern: Unexpected ? at index 10. Route syntax ...'
 * ```
 */
export function explainPatternError(path: string, error: unknown): unknown {
  if (!(error instanceof PathError)) return error;
  const reason = error.message
    .replace(/; visit https:\/\/git\.new\/pathToRegexpError for info$/, '')
    .replace(`: ${path}`, '');
  return new TypeError(`route "${path}" is not a valid pattern: ${reason}. ${ROUTE_SYNTAX_HINT}`, {
    cause: error,
  });
}
