import type { Context } from './context.js';
import { HTTPException } from './errors.js';
import type { AppEnv, Input } from './types.js';

/** A hook or handler as stored: the typed ones users register are checked at the public methods. */
type Stored<Args extends unknown[], R> = (c: Context<Input, AppEnv>, ...args: Args) => R;

export type StoredBefore = Stored<[], unknown>;
export type StoredAfter = Stored<[response: import('./response.js').Response], unknown>;
export type StoredTeardown = Stored<[error: unknown], unknown>;
export type StoredErrorHandler = Stored<[error: never], unknown>;

/** An error class an error handler can be registered for. */
export type ErrorClass<E = unknown> = abstract new (...args: never[]) => E;

/**
 * The hooks and error handlers of one scaffold (the app or a blueprint). A route carries the hook sets
 * of the scaffolds it belongs to, outermost first, and reads them live, so a hook added after a
 * blueprint was registered still runs.
 */
export class HookSet {
  readonly before: StoredBefore[] = [];
  readonly after: StoredAfter[] = [];
  readonly teardown: StoredTeardown[] = [];
  readonly byStatus = new Map<number, StoredErrorHandler>();
  readonly byClass = new Map<ErrorClass, StoredErrorHandler>();
}

/**
 * Stores `handler` in `hooks` for a status (400 to 599, else a `RangeError` naming `method`) or a class.
 *
 * @example
 * ```ts
 * setErrorHandler(blueprint.appHooks, 'appErrorHandler', 404, handler);
 * ```
 */
export function setErrorHandler(
  hooks: HookSet,
  method: string,
  key: number | ErrorClass,
  handler: StoredErrorHandler,
): void {
  if (typeof key !== 'number') {
    hooks.byClass.set(key, handler);
    return;
  }
  if (!Number.isInteger(key) || key < 400 || key > 599) {
    throw new RangeError(`${method} status must be an integer from 400 to 599, got ${key}`);
  }
  hooks.byStatus.set(key, handler);
}

/**
 * Adds what `from` holds to `into`: its hooks after those there, its error handlers in place of those
 * for the same status or class (a blueprint's app-wide hooks joining the app's when it is registered).
 *
 * @example
 * ```ts
 * mergeHookSet(app.hooks, blueprint.appHooks);
 * ```
 */
export function mergeHookSet(into: HookSet, from: HookSet): void {
  into.before.push(...from.before);
  into.after.push(...from.after);
  into.teardown.push(...from.teardown);
  for (const [status, handler] of from.byStatus) into.byStatus.set(status, handler);
  for (const [errorClass, handler] of from.byClass) into.byClass.set(errorClass, handler);
}

/** The handler chosen for an error, and the error value it gets. */
export interface ErrorHandlerChoice {
  readonly handler: StoredErrorHandler;
  readonly error: unknown;
}

/**
 * The error handler for `error` in `chain` (outermost first), Flask's order: status handlers (for an
 * `HTTPException`) from the innermost blueprint out to the app, then class handlers the same way (within
 * one scaffold the most specific class first); an error no handler takes falls back to the 500 handlers, which get an
 * `HTTPException(500)` whose `cause` is the original error. `undefined` when nothing applies.
 *
 * @example
 * ```ts
 * const choice = findErrorHandler(endpoint.hooks, error);
 * if (choice) result = await choice.handler(c, choice.error as never);
 * ```
 */
export function findErrorHandler(chain: readonly HookSet[], error: unknown): ErrorHandlerChoice | undefined {
  if (error instanceof HTTPException) {
    const handler = byStatus(chain, error.status);
    if (handler) return { handler, error };
  }
  const classHandler = byClass(chain, error);
  if (classHandler) return { handler: classHandler, error };
  if (error instanceof HTTPException) return undefined;
  const handler = byStatus(chain, 500);
  return handler ? { handler, error: new HTTPException(500, undefined, { cause: error }) } : undefined;
}

/**
 * True when some scaffold in `chain` could answer an error of `status` (a status handler, or any class
 * handler): only then does an answer the framework makes itself (a 404) need an `HTTPException` object.
 *
 * @example
 * ```ts
 * if (!mayHandle(app.rootHooks, 404)) return errorResponse(NOT_FOUND, options);
 * ```
 */
export function mayHandle(chain: readonly HookSet[], status: number): boolean {
  for (let i = 0; i < chain.length; i++) {
    const hooks = chain[i]!;
    if (hooks.byStatus.has(status) || hooks.byClass.size > 0) return true;
  }
  return false;
}

function byStatus(chain: readonly HookSet[], status: number): StoredErrorHandler | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const handler = chain[i]!.byStatus.get(status);
    if (handler) return handler;
  }
  return undefined;
}

function byClass(chain: readonly HookSet[], error: unknown): StoredErrorHandler | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  for (let i = chain.length - 1; i >= 0; i--) {
    const handlers = chain[i]!.byClass;
    if (handlers.size === 0) continue;
    for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const handler = handlers.get(proto.constructor as ErrorClass);
      if (handler) return handler;
    }
  }
  return undefined;
}
