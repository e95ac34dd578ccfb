import type { Server } from 'node:http';
import type { Socket } from 'node:net';

const tracked = new WeakMap<Server, Set<Socket>>();

/**
 * Keeps the set of `server`'s open connections (one add and one delete per connection, nothing per
 * request), so that a drain can see which ones are still writing (see {@link writingConnections}).
 *
 * @example
 * ```ts
 * const server = http.createServer(handle);
 * trackConnections(server);
 * ```
 */
export function trackConnections(server: Server): void {
  if (tracked.has(server)) return;
  const open = new Set<Socket>();
  tracked.set(server, open);
  server.on('connection', (socket: Socket) => {
    open.add(socket);
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
  return [...open].filter((socket) => !socket.destroyed && socket.writableLength > 0);
}
