import type { LifespanScope, Logger, Receive, Send } from '@flagon/gateway/core';

/** A startup or shutdown hook as stored: it gets the lifespan's shared state. */
export type StoredLifespanHook = (state: Record<string, unknown>) => unknown;

/** The app's lifespan hooks, in registration order. */
export interface LifespanHooks {
  readonly startup: StoredLifespanHook[];
  readonly shutdown: StoredLifespanHook[];
}

/**
 * Speaks the gateway lifespan protocol for the app: on `lifespan.startup` runs the startup hooks in
 * order (each may fill `scope.state`, which every request then gets a copy of), on `lifespan.shutdown`
 * the shutdown hooks in reverse order (what started last stops first), all of them even when one throws.
 * A throwing hook is reported as `*.failed` with its message, and logged with its stack.
 *
 * @example
 * ```ts
 * if (scope.type === 'lifespan') return runLifespan(hooks, scope, receive, send, logger);
 * ```
 */
export async function runLifespan(
  hooks: LifespanHooks,
  scope: LifespanScope,
  receive: Receive,
  send: Send,
  logger: Logger,
): Promise<void> {
  for (;;) {
    const event = await receive();
    if (event.type === 'lifespan.startup') {
      const failure = await runAll(hooks.startup, scope.state, 'startup', logger);
      if (failure !== undefined) {
        await send({ type: 'lifespan.startup.failed', message: failure });
        return;
      }
      await send({ type: 'lifespan.startup.complete' });
    } else if (event.type === 'lifespan.shutdown') {
      const failure = await runAll([...hooks.shutdown].reverse(), scope.state, 'shutdown', logger);
      await send(
        failure === undefined
          ? { type: 'lifespan.shutdown.complete' }
          : { type: 'lifespan.shutdown.failed', message: failure },
      );
      return;
    }
  }
}

// The message of the first failing hook, or undefined when all succeeded. A failed startup skips the
// remaining hooks (the app cannot serve); shutdown runs them all, so every resource gets its chance to close.
async function runAll(
  hooks: readonly StoredLifespanHook[],
  state: Record<string, unknown>,
  phase: 'startup' | 'shutdown',
  logger: Logger,
): Promise<string | undefined> {
  let failure: string | undefined;
  for (const hook of hooks) {
    try {
      await hook(state);
    } catch (error) {
      logger.error(`lifespan ${phase} hook failed`, error);
      failure ??= error instanceof Error ? error.message : String(error);
      if (phase === 'startup') break;
    }
  }
  return failure;
}
