import type { HttpReceive, HttpScope, HttpSend } from '@flagon/gateway/core';
import type { Flagon } from './app.js';
import type { Context } from './context.js';
import type { Endpoint } from './endpoint.js';
import { answerError, recover, wantsHtml } from './error-recovery.js';
import type { RequestFeature } from './features/request-feature.js';
import { finish } from './finish-request.js';
import { hasAfterHooks, hasBeforeHooks, hasTeardownHooks, runAfterHooks } from './hook-chain.js';
import type { HookSet } from './hooks.js';
import { mayHandle } from './hooks.js';
import { Response } from './response.js';
import { errorResponse } from './responses/error.js';
import { toResponse } from './responses/from-result.js';
import { NO_PARAMS, type RouteMatch } from './routing/index.js';
import { type Answer, routingAnswer } from './routing-answer.js';
import type { Input } from './types.js';
import type { CompiledSchemas } from './validation.js';
import { validateRequest } from './validation.js';

type AnyApp = Flagon<object, object, object>;
type AnyContext = Context<Input, { g: object; config: object; state: object }>;

/**
 * Serves one `http` scope: match → `before` hooks → validation → handler → `after` hooks → send →
 * waitUntil tasks → `teardown` hooks. Errors become responses through the error handlers (or the
 * default JSON/HTML error). Rejects only when the response could not be completed: with the
 * `ClientDisconnectedError` after a disconnect, or with the error that broke a started response, so the
 * server cuts the connection.
 *
 * @example
 * ```ts
 * if (scope.type === 'http') return dispatch(app, scope, receive as HttpReceive, send as HttpSend);
 * ```
 */
export function dispatch(app: AnyApp, scope: HttpScope, receive: HttpReceive, send: HttpSend): Promise<void> {
  try {
    return dispatchUnguarded(app, scope, receive, send);
  } catch (error) {
    // A gateway app reports failure by rejecting, never by throwing.
    return Promise.reject(error);
  }
}

function dispatchUnguarded(
  app: AnyApp,
  scope: HttpScope,
  receive: HttpReceive,
  send: HttpSend,
): Promise<void> {
  const match = app.router.match(scope.method, scope.path);
  const found = match.kind === 'found';
  const endpoint = found ? match.value : undefined;
  const c = new app.contextClass(
    app,
    scope,
    receive,
    send,
    endpoint,
    found ? match.params : NO_PARAMS,
  ) as unknown as AnyContext;
  const chain = endpoint === undefined ? app.rootHooks : endpoint.hooks;

  let pending: Answer | Promise<Answer>;
  try {
    pending =
      app.features.length > 0
        ? respondAfterFeatures(c, endpoint, match, chain, app.features)
        : hasBeforeHooks(chain)
          ? respondAfterBefore(c, endpoint, match, chain)
          : respond(c, endpoint, match);
    // The common case, answered without an async frame: a plain response and nothing to run after it.
    if (!(pending instanceof Promise)) {
      if (!(pending instanceof Response) && !mayHandle(chain, pending.status))
        pending = errorResponse(pending, { html: wantsHtml(c) });
      if (pending instanceof Response && pending.hasPlainBody() && hasNothingAfter(c, chain))
        return app.features.length === 0
          ? pending.send(scope, send)
          : closeThenSend(app, c, chain, pending, send);
    }
  } catch (error) {
    pending = Promise.reject(error);
  }
  return complete(app, c, chain, pending, send);
}

/**
 * The rest of the pipeline once the answer is pending: error recovery, `after` hooks, send, waitUntil
 * tasks, `teardown` hooks. Rejects as {@link dispatch} describes.
 */
async function complete(
  app: AnyApp,
  c: AnyContext,
  chain: readonly HookSet[],
  pending: Answer | Promise<Answer>,
  send: HttpSend,
): Promise<void> {
  let response: Response | undefined;
  let failure: unknown;
  try {
    const answer = pending instanceof Promise ? await pending : pending;
    if (answer instanceof Response) {
      // A file body's file is looked up now: a missing one fails as the handler would have, so the
      // error handlers (and debug mode) answer it, not the server's bare 500 once sending began.
      const ready = answer.prepare(c.scope.method);
      if (ready !== undefined) await ready;
      response = answer;
    } else ({ response, failure } = await answerError(app, c, chain, answer));
  } catch (error) {
    ({ response, failure } = await recover(app, c, chain, error));
  }
  let replaced: readonly Response[] | undefined;
  if (response !== undefined && hasAfterHooks(chain)) {
    try {
      const outcome = await runAfterHooks(c, chain, response);
      if (outcome instanceof Response) response = outcome;
      else ({ response, replaced } = outcome);
      // A hook may have changed the headers or the body: checked again, through the error handlers.
      await response.prepare(c.scope.method);
    } catch (error) {
      const recovery = await recover(app, c, chain, error);
      response = recovery.response;
      failure ??= recovery.failure;
    }
  }
  if (response !== undefined && app.features.length > 0) {
    try {
      const closing = closeFeatures(c, app.features, response);
      if (closing !== undefined) await closing;
    } catch (error) {
      // Its answer is sent as it is: the features have had their turn.
      const recovery = await recover(app, c, chain, error);
      response = recovery.response;
      failure ??= recovery.failure;
    }
  }
  return finish(app, c, chain, response, failure, replaced, send);
}

/**
 * The features' `close` on a response nothing else runs after (no `after` or `teardown` hook, no task),
 * then the send: without an async frame while every close returns synchronously, so a session or a
 * plugin that only adds headers keeps the fast path. Ends as {@link complete} does otherwise.
 */
function closeThenSend(
  app: AnyApp,
  c: AnyContext,
  chain: readonly HookSet[],
  response: Response,
  send: HttpSend,
): Promise<void> {
  let closing: Promise<void> | undefined;
  try {
    closing = closeFeatures(c, app.features, response);
  } catch (error) {
    closing = Promise.reject(error);
  }
  // A close may have left work for after the send (a cleanup, a waitUntil task): the long way then.
  if (closing === undefined && hasNothingAfter(c, chain)) return response.send(c.scope, send);
  return finishAfterClose(app, c, chain, response, closing, send);
}

async function finishAfterClose(
  app: AnyApp,
  c: AnyContext,
  chain: readonly HookSet[],
  response: Response,
  closing: Promise<void> | undefined,
  send: HttpSend,
): Promise<void> {
  let answer: Response | undefined = response;
  let failure: unknown;
  try {
    if (closing !== undefined) await closing;
  } catch (error) {
    ({ response: answer, failure } = await recover(app, c, chain, error));
  }
  return finish(app, c, chain, answer, failure, undefined, send);
}

/** True when nothing runs once the response is sent: no `after`/`teardown` hooks, no waitUntil task. */
function hasNothingAfter(c: AnyContext, chain: readonly HookSet[]): boolean {
  return (
    !hasAfterHooks(chain) &&
    !hasTeardownHooks(chain) &&
    c.pendingTasks().length === 0 &&
    c.pendingCleanups().length === 0
  );
}

/**
 * What the route answers, synchronously when the handler is (the common case costs no extra promise):
 * the handler's response after validation, or the routing outcome when no route matched.
 */
function respond(
  c: AnyContext,
  endpoint: Endpoint | undefined,
  match: RouteMatch<Endpoint>,
): Answer | Promise<Answer> {
  if (endpoint === undefined) return routingAnswer(c.scope, match);
  if (endpoint.schemas !== undefined) return validateThenHandle(c, endpoint, endpoint.schemas);
  return handle(c, endpoint);
}

/** The handler's value as a response: synchronously when the handler answers synchronously. */
function handle(c: AnyContext, endpoint: Endpoint): Answer | Promise<Answer> {
  const result = endpoint.handler(c);
  return result instanceof Promise
    ? result.then((value) => toResponse(value, endpoint.label, endpoint.output))
    : toResponse(result, endpoint.label, endpoint.output);
}

/**
 * The `before` hooks in order (the first that returns a value answers), then the route. Synchronous while
 * the hooks are (a login check reading the session): a promise only from the first hook that returns one.
 */
function respondAfterBefore(
  c: AnyContext,
  endpoint: Endpoint | undefined,
  match: RouteMatch<Endpoint>,
  chain: readonly HookSet[],
  fromSet = 0,
  fromHook = 0,
): Answer | Promise<Answer> {
  for (let i = fromSet; i < chain.length; i++) {
    const before = chain[i]!.before;
    for (let j = i === fromSet ? fromHook : 0; j < before.length; j++) {
      const result = before[j]!(c);
      if (isThenable(result)) {
        return Promise.resolve(result).then((value) =>
          value === undefined
            ? respondAfterBefore(c, endpoint, match, chain, i, j + 1)
            : toResponse(value, 'a before hook'),
        );
      }
      if (result !== undefined) return toResponse(result, 'a before hook');
    }
  }
  return respond(c, endpoint, match);
}

// What `await` would wait for: a promise, or any object with a `then` method.
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value instanceof Promise ||
    (typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function')
  );
}

/**
 * The features' `open` in order (the first that answers wins), then the hooks and the route. Synchronous
 * while the opens are (a session without a cookie, CSRF on a GET): no promise for what needs none.
 */
function respondAfterFeatures(
  c: AnyContext,
  endpoint: Endpoint | undefined,
  match: RouteMatch<Endpoint>,
  chain: readonly HookSet[],
  features: readonly RequestFeature[],
  from = 0,
): Answer | Promise<Answer> {
  for (let i = from; i < features.length; i++) {
    const feature = features[i]!;
    if (feature.open === undefined) continue;
    const opened = feature.open(c);
    if (opened instanceof Promise) {
      return opened.then((result) =>
        result === undefined
          ? respondAfterFeatures(c, endpoint, match, chain, features, i + 1)
          : toResponse(result, `the ${feature.name} feature`),
      );
    }
    if (opened !== undefined) return toResponse(opened, `the ${feature.name} feature`);
  }
  return hasBeforeHooks(chain) ? respondAfterBefore(c, endpoint, match, chain) : respond(c, endpoint, match);
}

/**
 * The features' `close` on the response, last added first (sessions save after what CSRF did); a
 * promise only from the first close that returns one.
 */
function closeFeatures(
  c: AnyContext,
  features: readonly RequestFeature[],
  response: Response,
  from = features.length - 1,
): Promise<void> | undefined {
  for (let i = from; i >= 0; i--) {
    const closed = features[i]!.close?.(c, response);
    if (closed instanceof Promise) return closed.then(() => closeFeatures(c, features, response, i - 1));
  }
  return undefined;
}

/**
 * The route's input validated, then its handler: synchronous when both are (a query or params schema
 * and a plain handler), so a validated GET keeps the fast path; a promise only once a body is read, a
 * schema is async or the handler returns one. A validation failure throws.
 */
function validateThenHandle(
  c: AnyContext,
  endpoint: Endpoint,
  schemas: CompiledSchemas,
): Answer | Promise<Answer> {
  const input = validateRequest(schemas, c.request, c.params as Readonly<Record<string, string | undefined>>);
  if (input instanceof Promise) {
    return input.then((validated) => {
      c.applyInput(validated);
      return handle(c, endpoint);
    });
  }
  c.applyInput(input);
  return handle(c, endpoint);
}
