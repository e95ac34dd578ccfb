import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Open connections of each tracked server, with when each was accepted (epoch ms). */
const tracked = new WeakMap<Server, Map<Socket, number>>();

/**
 * Keeps the set of `server`'s open connections and when each was accepted (one add and one delete per
 * connection, nothing per request), so that a drain can see which ones are still writing (see
 * {@link writingConnections}) and which ones may still have their first request on the way (see
 * {@link hasConnectionsYoungerThan}).
 *
 * @example
 * ```ts
 * const server = http.createServer(handle);
 * trackConnections(server);
 * ```
 */
export function trackConnections(server: Server): void {
  if (tracked.has(server)) return;
  const open = new Map<Socket, number>();
  tracked.set(server, open);
  server.on('connection', (socket: Socket) => {
    open.set(socket, Date.now());
    socket.once('close', () => open.delete(socket));
  });
}

/**
 * The tracked connections of `server` that still hold bytes to write: a response handed to Node in
 * full whose bytes wait for a slow client. Empty for a server whose connections are not tracked.
 *
 * @example
 * ```ts
 * if (writingConnections(server).length === 0) server.closeIdleConnections();
 * ```
 */
export function writingConnections(server: Server): Socket[] {
  const open = tracked.get(server);
  if (open === undefined) return [];
  return [...open.keys()].filter((socket) => !socket.destroyed && socket.writableLength > 0);
}

/**
 * True while a tracked connection of `server` was accepted less than `ms` ago: its first request may
 * still be on the wire, and a connection closed now would answer it with a reset (Node takes a
 * connection that has not sent a request yet for an idle one).
 *
 * @example
 * ```ts
 * if (!hasConnectionsYoungerThan(server, 500)) server.closeIdleConnections();
 * ```
 */
export function hasConnectionsYoungerThan(server: Server, ms: number, now = Date.now()): boolean {
  const open = tracked.get(server);
  if (open === undefined) return false;
  for (const acceptedAt of open.values()) if (now - acceptedAt < ms) return true;
  return false;
}
