import type { Socket } from 'node:net';

// Per-socket marks: a socket serves many requests, so the probes are enabled once per connection.
const probed = new WeakSet<Socket>();
const deadPeers = new WeakSet<Socket>();

/**
 * Turns on TCP keep-alive probes on a socket (once), so a peer that vanished without a FIN (cable pulled,
 * NAT entry dropped) is found: the kernel then fails the socket with `ETIMEDOUT`, which
 * {@link isDeadPeer} reports. Node only sets the idle delay; the probe interval and count are the OS's.
 *
 * @example
 * ```ts
 * server.on('connection', (socket) => enableHeartbeat(socket, 15_000));
 * ```
 */
export function enableHeartbeat(socket: Socket, idleMs: number): void {
  if (probed.has(socket)) return;
  probed.add(socket);
  socket.setKeepAlive(true, idleMs);
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ETIMEDOUT') deadPeers.add(socket);
  });
}

/**
 * True when the socket failed because keep-alive probes went unanswered (see {@link enableHeartbeat}).
 *
 * @example
 * ```ts
 * const reason = isDeadPeer(socket) ? 'heartbeat' : 'client-closed';
 * ```
 */
export function isDeadPeer(socket: Socket): boolean {
  return deadPeers.has(socket);
}
