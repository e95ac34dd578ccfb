import type { HttpScope } from '@flagon/gateway/core';
import type { Endpoint } from './endpoint.js';
import { statusPhrase } from './http/status.js';
import { Response } from './response.js';
import type { ErrorAnswer } from './responses/error.js';
import type { RouteMatch } from './routing/index.js';

/** A response, or an error the framework answers itself (routing), kept as plain data until needed. */
export type Answer = Response | ErrorAnswer;

const NOT_FOUND: ErrorAnswer = Object.freeze({ status: 404, message: statusPhrase(404) });

/**
 * The answer when no route serves the request: a slash redirect, an automatic OPTIONS, a 405 or a 404.
 *
 * @example
 * ```ts
 * routingAnswer(scope, app.router.match(scope.method, scope.path)); // { status: 404, ... } when nothing matched
 * ```
 */
export function routingAnswer(scope: HttpScope, match: RouteMatch<Endpoint>): Answer {
  if (match.kind === 'redirect') {
    const query = scope.queryString === '' ? '' : `?${scope.queryString}`;
    return new Response(null, {
      status: 308,
      headers: [['location', `${scope.rootPath}${match.location}${query}`]],
    });
  }
  if (match.kind === 'method-not-allowed') {
    const allow = match.allowed.join(', ');
    if (scope.method === 'OPTIONS') return new Response(null, { status: 204, headers: [['allow', allow]] });
    return { status: 405, message: statusPhrase(405), headers: [['allow', allow]] };
  }
  return NOT_FOUND;
}
