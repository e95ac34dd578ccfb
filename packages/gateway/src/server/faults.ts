import type { Logger } from '../logger.js';
import type { StoppableServer } from './stoppable.js';

/**
 * Takes over the process's two last-resort fault events for a server that owns the process, as uvicorn
 * and gunicorn's workers do:
 *
 * - an **unhandled rejection** (a promise app code forgot, often in a timer) is logged at ERROR with its
 *   stack and serving goes on: the request that made it is long answered, and the others are fine;
 * - an **uncaught exception** leaves the process in a state nobody can vouch for: it is logged, the
 *   server drains (in-flight requests finish within the graceful timeout, the lifespan shutdown runs),
 *   and the process exits 1, for the process manager or supervisor to start a fresh one.
 *
 * Without this, Node ends the process at once on either: an unrelated request in flight gets an empty
 * reply and the lifespan shutdown never runs. The handlers go away when the server is drained some other
 * way.
 *
 * @example
 * ```ts
 * const server = await serve(app);
 * handleProcessFaults(server, logger); // what serve(app, { handleFaults: true }) does
 * ```
 */
export function handleProcessFaults(server: StoppableServer, logger: Logger): void {
  let failing = false;
  const onRejection = (reason: unknown): void => {
    logger.error('Unhandled promise rejection in app code (the server goes on serving)', reason);
  };
  const onException = (error: unknown): void => {
    // A second one while draining is logged too: the drain is already bounded by the graceful timeout.
    if (failing) {
      logger.error('Uncaught exception while draining after an earlier one', error);
      return;
    }
    failing = true;
    // Read by exitOnSignals too, so a signal arriving meanwhile cannot turn this exit into a 0.
    process.exitCode = 1;
    logger.error('Uncaught exception in app code: draining, then exiting 1', error);
    server.drain().then(
      () => process.exit(),
      (shutdownError: unknown) => {
        logger.error('Shutdown failed', shutdownError);
        process.exit(1);
      },
    );
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  const remove = (): void => {
    if (failing) return; // still needed: the exit comes after the drain
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
  server.closed.then(remove, remove);
}
