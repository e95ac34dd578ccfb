import type { Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { DrainController } from '../node/drain.js';

/**
 * Stops a server gracefully, in uvicorn's order: stop accepting connections, close the idle keep-alive
 * ones at once, give in-flight requests the drain notice, wait for them and the `waitUntil` tasks up to
 * `gracefulTimeout` ms (`Infinity`: no limit), then cut whatever is left. Resolves once every
 * connection is closed; lifespan shutdown is the caller's next step.
 *
 * @example
 * ```ts
 * await drainGracefully(server, gateway.drain, { gracefulTimeout: 30_000, logger });
 * await lifespan.shutdown();
 * ```
 */
export async function drainGracefully(
  server: Server,
  drain: DrainController,
  options: { gracefulTimeout: number; logger: Logger },
): Promise<void> {
  const { gracefulTimeout, logger } = options;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Number.isFinite(gracefulTimeout) ? Date.now() + gracefulTimeout : null;
  drain.begin(deadline, closeIdleSoon(server));
  if (drain.inFlight > 0 || drain.pendingTasks > 0) {
    logger.info(
      `Draining: waiting for ${drain.inFlight} request(s) and ${drain.pendingTasks} task(s), ` +
        `up to ${Number.isFinite(gracefulTimeout) ? `${gracefulTimeout} ms` : 'no limit'}`,
    );
  }
  if (!(await settledWithin(drain.settled(), gracefulTimeout))) {
    const tasks = drain.pendingTasks;
    const cut = drain.cutAll();
    logger.warn(`Graceful timeout after ${gracefulTimeout} ms: cut ${cut} request(s), left ${tasks} task(s)`);
  }
  server.closeAllConnections();
  await closed;
}

/** A request that left may have left an idle keep-alive connection behind: close those, once per turn. */
function closeIdleSoon(server: Server): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      server.closeIdleConnections();
    });
  };
}

async function settledWithin(settled: Promise<void>, ms: number): Promise<boolean> {
  if (!Number.isFinite(ms)) return settled.then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([settled.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
