import type { Context } from './context.js';
import type { HookSet } from './hooks.js';
import { Response } from './response.js';
import type { AppEnv, Input } from './types.js';

// How dispatch walks a route's hook chain (outermost scaffold first): kept apart from the pipeline itself.

type AnyContext = Context<Input, AppEnv>;
type ErrorLogger = { error(message: string, error: unknown): void };

export function hasBeforeHooks(chain: readonly HookSet[]): boolean {
  for (let i = 0; i < chain.length; i++) if (chain[i]!.before.length > 0) return true;
  return false;
}

export function hasAfterHooks(chain: readonly HookSet[]): boolean {
  for (let i = 0; i < chain.length; i++) if (chain[i]!.after.length > 0) return true;
  return false;
}

export function hasTeardownHooks(chain: readonly HookSet[]): boolean {
  for (let i = 0; i < chain.length; i++) if (chain[i]!.teardown.length > 0) return true;
  return false;
}

/** The response the `after` hooks settled on, and those they replaced (their streams left to close). */
export interface AfterHooksOutcome {
  readonly response: Response;
  readonly replaced: readonly Response[];
}

// Innermost scaffold first, last registered first: the app's hooks wrap the blueprints' (Flask's order).
// The outcome is the response itself unless a hook replaced it, so the common case allocates nothing.
export async function runAfterHooks(
  c: AnyContext,
  chain: readonly HookSet[],
  response: Response,
): Promise<Response | AfterHooksOutcome> {
  let current = response;
  let replaced: Response[] | undefined;
  try {
    for (let i = chain.length - 1; i >= 0; i--) {
      const after = chain[i]!.after;
      for (let j = after.length - 1; j >= 0; j--) {
        const result = await after[j]!(c, current);
        if (!(result instanceof Response) || result === current) continue;
        if (replaced === undefined) replaced = [];
        replaced.push(current);
        current = result;
      }
    }
  } catch (error) {
    // The error's answer takes their place, and reads none of them.
    current.discard();
    if (replaced !== undefined) for (const old of replaced) old.discard();
    throw error;
  }
  return replaced === undefined ? current : { response: current, replaced };
}

export async function runTeardownHooks(
  logger: ErrorLogger,
  c: AnyContext,
  chain: readonly HookSet[],
  failure: unknown,
): Promise<void> {
  for (let i = chain.length - 1; i >= 0; i--) {
    const teardown = chain[i]!.teardown;
    for (let j = teardown.length - 1; j >= 0; j--) {
      try {
        await teardown[j]!(c, failure);
      } catch (error) {
        logger.error(`${c.scope.method} ${c.scope.path}: a teardown hook failed`, error);
      }
    }
  }
}
