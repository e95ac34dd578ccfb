import type { Server } from 'node:http';
import type { Logger } from '../logger.js';
import type { DrainController } from '../node/drain.js';
import { hasConnectionsYoungerThan, writingConnections } from './connections.js';

/** How {@link drainGracefully} stops; durations in milliseconds. */
export interface DrainOptions {
  /** How long in-flight requests and `waitUntil` tasks may take (`Infinity`: no limit). */
  readonly gracefulTimeout: number;
  readonly logger: Logger;
  /**
   * Keep idle keep-alive connections open instead of closing them at once: a request that arrives on
   * one is answered (with `Connection: close`), and the ones still idle are closed once the keep-alive
   * timeout has passed, as they would have been anyway. For a worker that other workers take over
   * from (a reload): a pooling client (nginx `keepalive`, an `http.Agent`) may be sending a request on
   * an idle connection at the very moment it would be closed, and that request would be lost.
   */
  readonly keepIdleConnections?: boolean;
}

/**
 * Stops a server gracefully, in uvicorn's order: stop accepting connections, close the idle keep-alive
 * ones at once (or, with `keepIdleConnections`, once their keep-alive timeout passed), give in-flight
 * requests the drain notice, wait for them and the `waitUntil` tasks up to `gracefulTimeout` ms
 * (`Infinity`: no limit), then cut whatever is left. Every response written meanwhile carries
 * `Connection: close`. Resolves once every connection is closed; lifespan shutdown is the caller's
 * next step.
 *
 * @example
 * ```ts
 * await drainGracefully(server, gateway.drain, { gracefulTimeout: 30_000, logger });
 * await lifespan.shutdown();
 * ```
 */
export async function drainGracefully(
  server: Server | readonly Server[],
  drain: DrainController,
  options: DrainOptions,
): Promise<void> {
  const { gracefulTimeout, logger } = options;
  // One app may listen on several sockets (see `bind`): they drain as one.
  const servers: readonly Server[] = Array.isArray(server) ? server : [server as Server];
  const deadline = Number.isFinite(gracefulTimeout) ? Date.now() + gracefulTimeout : null;
  const holdIdleUntil = options.keepIdleConnections === true ? idleHoldEnd(servers, deadline) : null;
  for (const each of servers) sweepOnlyFlushedConnections(each, holdIdleUntil);
  const closed = Promise.all(
    servers.map((each) => new Promise<void>((resolve) => each.close(() => resolve()))),
  );
  for (const each of servers) each.closeIdleConnections();
  const idleSweeps = servers.map(closeIdleSoon);
  drain.begin(deadline, () => {
    for (const sweep of idleSweeps) sweep();
  });
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
  } else if (
    !(await quietBy(servers, drain, deadline)) ||
    !(await idleHandedOver(servers, drain, holdIdleUntil, closed, deadline))
  ) {
    const cut = drain.cutAll();
    logger.warn(
      `Graceful timeout after ${gracefulTimeout} ms: cut ${cut} late request(s) and responses still being written`,
    );
  }
  for (const each of servers) each.closeAllConnections();
  await closed;
}

/**
 * When the idle connections kept by `keepIdleConnections` are closed: once the keep-alive timeout has
 * passed since the drain began (Node closes each one earlier, when its own idle time reaches it; a
 * connection that never sent a request is only closed then), and no later than the graceful deadline.
 */
function idleHoldEnd(servers: readonly Server[], deadline: number | null): number {
  const keepAlive = Math.max(...servers.map((each) => each.keepAliveTimeout));
  // 0 is Node's "no keep-alive timeout": hold them until the deadline.
  const end = keepAlive > 0 ? Date.now() + keepAlive : Number.POSITIVE_INFINITY;
  return Math.min(end, deadline ?? Number.POSITIVE_INFINITY);
}

/**
 * With `keepIdleConnections`: waits until every connection closed (each answered with `Connection:
 * close`, or timed out by Node) or `holdIdleUntil` passed, then closes those still idle and waits for
 * requests that came in meanwhile. Resolves false if `deadline` passes first; true at once without a hold.
 */
async function idleHandedOver(
  servers: readonly Server[],
  drain: DrainController,
  holdIdleUntil: number | null,
  closed: Promise<unknown>,
  deadline: number | null,
): Promise<boolean> {
  if (holdIdleUntil === null) return true;
  let timer: NodeJS.Timeout | undefined;
  const held = Number.isFinite(holdIdleUntil)
    ? new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, holdIdleUntil - Date.now()));
      })
    : new Promise<void>(() => {});
  await Promise.race([closed, held]);
  clearTimeout(timer);
  for (const each of servers) each.closeIdleConnections();
  return quietBy(servers, drain, deadline);
}

const FLUSH_POLL_MS = 20;
/**
 * How long a new connection is given to send its first request once a drain began. The request then
 * gets its answer (with `Connection: close`) instead of a reset: with workers, the supervisor may have
 * handed the connection to this one just before it was told to drain, its request still in flight.
 */
const FIRST_REQUEST_GRACE_MS = 500;

/**
 * Node's sweep of idle connections (run by `server.close()` too) takes a connection whose response was
 * handed over in full as idle even while its bytes still wait for a slow client, and destroys it: the
 * client gets a truncated response. This server's sweep waits until no tracked connection is writing,
 * and none was accepted so recently that its first request may still be on the way; with a hold
 * (`keepIdleConnections`), not before `holdIdleUntil`.
 */
function sweepOnlyFlushedConnections(server: Server, holdIdleUntil: number | null): void {
  const sweep = server.closeIdleConnections.bind(server);
  let retry: NodeJS.Timeout | null = null;
  server.closeIdleConnections = function closeIdleFlushedConnections(): void {
    // Kept for a request that may be on its way (see `keepIdleConnections`); swept when the hold ends.
    if (holdIdleUntil !== null && Date.now() < holdIdleUntil) return;
    if (
      writingConnections(server).length === 0 &&
      !hasConnectionsYoungerThan(server, FIRST_REQUEST_GRACE_MS)
    ) {
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

/**
 * Resolves true once no tracked connection of `servers` is writing, none is young enough to have its
 * first request on the way (see {@link FIRST_REQUEST_GRACE_MS}) and no request that came in on one is
 * in flight; false if `deadline` passes first.
 */
async function quietBy(
  servers: readonly Server[],
  drain: DrainController,
  deadline: number | null,
): Promise<boolean> {
  const busy = () =>
    drain.inFlight > 0 ||
    drain.pendingTasks > 0 ||
    servers.some(
      (server) =>
        writingConnections(server).length > 0 || hasConnectionsYoungerThan(server, FIRST_REQUEST_GRACE_MS),
    );
  while (busy()) {
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
