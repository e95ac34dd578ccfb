import { isClientDisconnected } from '@flagon/gateway/core';
import type { Flagon } from './app.js';
import type { Context } from './context.js';
import { HTTPException } from './errors.js';
import type { HookSet } from './hooks.js';
import { findErrorHandler, mayHandle } from './hooks.js';
import { prefersHtml } from './http/media-type.js';
import { headerValue } from './http/request-headers.js';
import { headerListFrom } from './http/response-headers.js';
import { Response } from './response.js';
import type { ErrorAnswer } from './responses/error.js';
import { errorResponse } from './responses/error.js';
import { toResponse } from './responses/from-result.js';
import type { Input } from './types.js';

// How dispatch turns an error into the response to send: the error handlers first, then the default
// JSON/HTML error; a 500's stack only in debug mode.

type AnyApp = Flagon<object, object, object>;
type AnyContext = Context<Input, { g: object; config: object; state: object }>;

/** What handling an error gave: the response to send (none once the client is gone) and what escaped. */
export interface Recovery {
  readonly response: Response | undefined;
  readonly failure: unknown;
}

/**
 * The response for a routing error (404, 405...): the default error response unless an error handler may
 * want it. Routing errors are answers, not failures: an HTTPException (and its stack) is made only then,
 * so a plain 404 costs no exception.
 *
 * @example
 * ```ts
 * const { response, failure } = await answerError(app, c, chain, answer);
 * ```
 */
export function answerError(
  app: AnyApp,
  c: AnyContext,
  chain: readonly HookSet[],
  answer: ErrorAnswer,
): Recovery | Promise<Recovery> {
  if (!mayHandle(chain, answer.status)) {
    return { response: errorResponse(answer, { html: wantsHtml(c) }), failure: undefined };
  }
  // Through the error handlers, and so with what escaped them (a disconnect leaves nothing to send).
  return recover(
    app,
    c,
    chain,
    new HTTPException(answer.status, answer.message, { headers: answer.headers }),
  );
}

/**
 * The response for an error: its error handler's answer, else the default error response. An
 * unhandled (non-HTTP) error is logged and answered 500, with its stack only in debug mode; it is
 * also what escaped, for the teardown hooks. A disconnect leaves nothing to send.
 */
export async function recover(
  app: AnyApp,
  c: AnyContext,
  chain: readonly HookSet[],
  error: unknown,
): Promise<Recovery> {
  if (isClientDisconnected(error)) return { response: undefined, failure: error };
  const choice = findErrorHandler(chain, error);
  if (choice !== undefined) {
    try {
      const result = await choice.handler(c, choice.error as never);
      const response = toResponse(result, 'an error handler');
      // A handler that returns a value answers for the error: with its status, and with the headers
      // the status needs (the Allow of a 405, the WWW-Authenticate of a 401). A Response is its own.
      if (!(result instanceof Response)) {
        response.status = error instanceof HTTPException ? error.status : 500;
        if (error instanceof HTTPException) addMissingHeaders(response, error.headers);
      }
      return { response, failure: undefined };
    } catch (second) {
      if (isClientDisconnected(second)) return { response: undefined, failure: second };
      return { response: internalError(app, c, second), failure: second };
    }
  }
  if (error instanceof HTTPException) {
    try {
      return { response: errorResponse(error, { html: wantsHtml(c) }), failure: undefined };
    } catch (unsendable) {
      // Its headers or details could not go out (a CR/LF in a header, a BigInt in the details): that
      // is the app's bug, answered as one, and the teardown hooks still run.
      return { response: internalError(app, c, unsendable), failure: unsendable };
    }
  }
  return { response: internalError(app, c, error), failure: error };
}

/** Adds each of `headers` that `response` does not already have (the handler's own win). */
function addMissingHeaders(response: Response, headers: HTTPException['headers']): void {
  if (headers === undefined) return;
  const own = response.headers;
  const missing = headerListFrom(headers).filter(([name]) => !own.has(name));
  for (const [name, value] of missing) own.append(name, value);
}

function internalError(app: AnyApp, c: AnyContext, error: unknown): Response {
  app.logger.error(`${c.scope.method} ${c.scope.path} failed`, error);
  const options = { html: wantsHtml(c), debugError: app.debug ? error : undefined };
  return errorResponse(new HTTPException(500, undefined, { cause: error }), options);
}

/** True when the client prefers HTML to JSON (its `Accept`), for the default error page. */
export function wantsHtml(c: AnyContext): boolean {
  // Read from the scope: a 404 should not build the request view just for this.
  return prefersHtml(headerValue(c.scope.headers, 'accept'));
}
