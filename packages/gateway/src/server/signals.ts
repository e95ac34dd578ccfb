import type { Logger } from '../logger.js';
import type { StoppableServer } from './stoppable.js';

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Makes SIGTERM and SIGINT stop the server the way process managers expect: the first one drains and
 * exits 0 (1 when the lifespan shutdown failed or an uncaught exception began the drain); a second one
 * exits 1 at once. The handlers go away when the server is drained some other way. A worker process
 * passes `['SIGTERM']`: its supervisor relays the terminal's SIGINT as a SIGTERM.
 *
 * @example
 * ```ts
 * const server = await serve(app);
 * exitOnSignals(server, logger); // what serve(app, { handleSignals: true }) does
 * ```
 */
export function exitOnSignals(
  server: StoppableServer,
  logger: Logger,
  signals: readonly NodeJS.Signals[] = SIGNALS,
): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: shutting down gracefully (send it again to exit now)`);
    server.drain().then(
      // No code: 0, unless a fault already set process.exitCode (see handleProcessFaults).
      () => process.exit(),
      (error: unknown) => {
        logger.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  const remove = () => {
    if (stopping) return;
    for (const signal of signals) process.off(signal, onSignal);
  };
  server.closed.then(remove, remove);
}
