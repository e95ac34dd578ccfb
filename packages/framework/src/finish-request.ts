import type { HttpSend } from '@flagon/gateway/core';
import type { Context } from './context.js';
import { hasTeardownHooks, runTeardownHooks } from './hook-chain.js';
import type { HookSet } from './hooks.js';
import type { Response } from './response.js';
import type { Input } from './types.js';

// The end of dispatch's pipeline, once the response is settled: kept apart so that dispatch.ts stays
// the pipeline's shape.

type AnyContext = Context<Input, { g: object; config: object; state: object }>;
type ErrorLogger = { readonly logger: { error(message: string, error: unknown): void } };

/**
 * Sends `response` (none once the client is gone), then closes the responses the `after` hooks
 * replaced, runs the cleanups, settles the waitUntil tasks and runs the `teardown` hooks with what
 * escaped. Rejects with `failure` when nothing was sent, or with the error that broke the send.
 *
 * @example
 * ```ts
 * await finish(app, c, chain, response, undefined, undefined, send);
 * ```
 */
export async function finish(
  app: ErrorLogger,
  c: AnyContext,
  chain: readonly HookSet[],
  response: Response | undefined,
  failure: unknown,
  replaced: readonly Response[] | undefined,
  send: HttpSend,
): Promise<void> {
  let sent = false;
  let escaped = failure;
  if (response !== undefined) {
    try {
      await response.send(c.scope, send);
      sent = true;
    } catch (error) {
      escaped = error;
    }
  }
  // Closed only now: the response sent may stream from theirs (an after hook that compresses the body).
  if (replaced !== undefined) for (const old of replaced) old.discard();
  if (c.pendingCleanups().length > 0) await runCleanups(app, c);
  if (c.pendingTasks().length > 0) await settleTasks(app, c);
  if (hasTeardownHooks(chain)) await runTeardownHooks(app.logger, c, chain, escaped);
  if (!sent) throw escaped;
}

async function runCleanups(app: ErrorLogger, c: AnyContext): Promise<void> {
  for (const cleanup of c.pendingCleanups()) {
    try {
      await cleanup();
    } catch (error) {
      app.logger.error(`${c.scope.method} ${c.scope.path}: a cleanup failed`, error);
    }
  }
}

async function settleTasks(app: ErrorLogger, c: AnyContext): Promise<void> {
  for (const outcome of await Promise.allSettled(c.pendingTasks())) {
    if (outcome.status === 'rejected')
      app.logger.error(`${c.scope.method} ${c.scope.path}: a waitUntil task failed`, outcome.reason);
  }
}
