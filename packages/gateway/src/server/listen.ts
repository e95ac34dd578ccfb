import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { enableHeartbeat } from '../node/heartbeat.js';
import type { NodeGatewayHandler } from '../node/to-node-handler.js';
import type { Address } from '../types.js';
import type { ListenTarget } from './bind.js';
import { clearStaleSocket, setSocketMode } from './bind.js';
import { reportClientErrors } from './client-errors.js';
import { trackConnections } from './connections.js';
import type { ResolvedServeOptions } from './options.js';

type ListenOptions = Pick<
  ResolvedServeOptions,
  | 'host'
  | 'port'
  | 'headersTimeout'
  | 'requestTimeout'
  | 'keepAliveTimeout'
  | 'heartbeat'
  | 'maxConnections'
  | 'maxHeaderCount'
  | 'maxHeaderSize'
  | 'logger'
  | 'unixSocketMode'
>;

/**
 * Creates a `node:http` server for `handle` with the given timeouts and limits and resolves once it
 * listens on `target` (`host:port` by default; a unix socket path, whose stale file from a crashed run
 * is removed first and whose mode is then set; or an inherited descriptor) or rejects with the listen
 * error, e.g. `EADDRINUSE`. With a `heartbeat`, every
 * connection gets TCP keep-alive probes as it opens (the bridge then reports a dead peer as
 * `heartbeat`). What Node refuses before the bridge (a malformed or oversized head, a timeout, a
 * connection over the limit) is answered and logged (see `reportClientErrors`).
 * `Expect: 100-continue` goes to `handle.checkContinue`, so Node no longer answers 100 by itself.
 *
 * @example
 * ```ts
 * const server = await listen(gateway.handle, resolveServeOptions({ port: 0 }));
 * boundAddress(server); // { host: '127.0.0.1', port: 41234 }
 * ```
 */
export async function listen(
  handle: NodeGatewayHandler,
  options: ListenOptions,
  target: ListenTarget = { host: options.host, port: options.port },
): Promise<Server> {
  if ('path' in target) await clearStaleSocket(target.path);
  const { headersTimeout, requestTimeout } = options;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      maxHeaderSize: options.maxHeaderSize,
      // The bridge answers a request without Host (400), and logs it with the other refused heads.
      requireHostHeader: false,
      // Node checks those timeouts on this interval (30 s by default): keep it well below the shortest.
      connectionsCheckingInterval: checkingInterval(headersTimeout, requestTimeout),
    },
    handle,
  );
  server.keepAliveTimeout = options.keepAliveTimeout;
  // One more than allowed, so the bridge sees a request over the limit (Node drops the rest silently).
  server.maxHeadersCount = options.maxHeaderCount === 0 ? 0 : options.maxHeaderCount + 1;
  if (options.maxConnections > 0) server.maxConnections = options.maxConnections;
  reportClientErrors(server, options.logger);
  // The 100 waits for the app to read the body, and a body over the limit gets its 413 without one.
  server.on('checkContinue', handle.checkContinue);
  trackConnections(server);
  const { heartbeat } = options;
  // Per connection rather than per request: a keep-alive connection carries many requests.
  if (heartbeat > 0) server.on('connection', (socket: Socket) => enableHeartbeat(socket, heartbeat));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const listening = () => {
      server.off('error', reject);
      resolve();
    };
    if ('path' in target) server.listen(target.path, listening);
    else if ('fd' in target) server.listen({ fd: target.fd }, listening);
    else server.listen(target.port, target.host, listening);
  });
  if ('path' in target) setSocketMode(target.path, options.unixSocketMode);
  if ('fd' in target && target.socketPath !== undefined) inheritedSocketPaths.set(server, target.socketPath);
  return server;
}

/** The paths of unix sockets listened on through an inherited descriptor, which `address()` cannot tell. */
const inheritedSocketPaths = new WeakMap<Server, string>();

/**
 * The address a server actually bound (the real port when asked for 0).
 *
 * @example
 * ```ts
 * urlOf(boundAddress(server)); // 'http://127.0.0.1:8000'
 * ```
 */
export function boundAddress(server: Server): Address {
  const bound = (server.address() ?? inheritedSocketPaths.get(server) ?? null) as AddressInfo | string | null;
  if (bound === null) throw new Error('the server is not listening');
  if (typeof bound === 'string') return { host: bound, port: null };
  return { host: bound.address, port: bound.port };
}

/**
 * Where a listening server can be reached: its `http://` URL, or `unix:/path` for a unix socket.
 *
 * @example
 * ```ts
 * listeningUrl(server); // 'http://127.0.0.1:8000' or 'unix:/run/app.sock'
 * ```
 */
export function listeningUrl(server: Server): string {
  const address = boundAddress(server);
  return address.port === null ? `unix:${address.host}` : urlOf(address);
}

/**
 * The `http://` URL of an address, with IPv6 hosts in brackets.
 *
 * @example
 * ```ts
 * urlOf({ host: '::1', port: 8000 }); // 'http://[::1]:8000'
 * ```
 */
export function urlOf(address: Address): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return address.port === null ? `http://${host}` : `http://${host}:${address.port}`;
}

function checkingInterval(...timeouts: number[]): number {
  const shortest = Math.min(...timeouts.filter((t) => t > 0));
  if (!Number.isFinite(shortest)) return 30_000;
  return Math.max(50, Math.min(1_000, Math.floor(shortest / 4)));
}
