import type { Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { DrainController } from '../node/drain.js';
import { writingConnections } from './connections.js';

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
  const deadline = Number.isFinite(gracefulTimeout) ? Date.now() + gracefulTimeout : null;
  sweepOnlyFlushedConnections(server);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
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
  } else if (!(await flushedBy(server, deadline))) {
    logger.warn(`Graceful timeout after ${gracefulTimeout} ms: cut responses still being written`);
  }
  server.closeAllConnections();
  await closed;
}

const FLUSH_POLL_MS = 20;

/**
 * Node's sweep of idle connections (run by `server.close()` too) takes a connection whose response was
 * handed over in full as idle even while its bytes still wait for a slow client, and destroys it: the
 * client gets a truncated response. This server's sweep waits until no tracked connection is writing.
 */
function sweepOnlyFlushedConnections(server: Server): void {
  const sweep = server.closeIdleConnections.bind(server);
  let retry: NodeJS.Timeout | null = null;
  server.closeIdleConnections = function closeIdleFlushedConnections(): void {
    if (writingConnections(server).length === 0) {
      sweep();
      return;
    }
    if (retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      server.closeIdleConnections();
    }, FLUSH_POLL_MS).unref();
  };
}

/** Resolves true once no tracked connection of `server` is writing, false if `deadline` passes first. */
async function flushedBy(server: Server, deadline: number | null): Promise<boolean> {
  while (writingConnections(server).length > 0) {
    if (deadline !== null && Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, FLUSH_POLL_MS));
  }
  return true;
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
