import { lookup } from 'node:dns/promises';
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import * as net from 'node:net';
import { connect, isIP } from 'node:net';
import { getSystemErrorName } from 'node:util';

/**
 * Where a server listens: a TCP address, a unix socket file, or a bound socket inherited as a file
 * descriptor (what a worker gets from its supervisor).
 */
export type ListenTarget =
  | { readonly host: string; readonly port: number }
  | { readonly path: string }
  | {
      readonly fd: number;
      /** The unix socket's path, when the descriptor is one: the system cannot tell it for an inherited one. */
      readonly socketPath?: string;
    };

/**
 * Reads a `--bind` value: `host:port`, `[ipv6]:port` or `unix:/path/to.sock` (gunicorn's forms).
 * Throws a `RangeError` saying which forms it takes.
 *
 * @example
 * ```ts
 * parseBind('127.0.0.1:8000'); // { host: '127.0.0.1', port: 8000 }
 * parseBind('[::1]:8000'); // { host: '::1', port: 8000 }
 * parseBind('unix:/run/app.sock'); // { path: '/run/app.sock' }
 * ```
 */
export function parseBind(text: string): ListenTarget {
  if (text.startsWith('unix:')) {
    const path = text.slice('unix:'.length);
    if (path === '') throw new RangeError('--bind unix: needs a path, as in unix:/run/app.sock');
    return { path };
  }
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || port > 65535) {
    throw new RangeError(`--bind takes host:port, [ipv6]:port or unix:/path, got "${text}"`);
  }
  const host = match[1] ?? match[2]!;
  if (match[1] !== undefined && isIP(host) !== 6)
    throw new RangeError(`--bind: "${host}" is not an IPv6 address`);
  return { host, port };
}

/**
 * Makes a unix socket path free to bind, the way a server restarted after a crash needs: a socket
 * file nothing listens on (a connect is refused) is left over from a dead process and is removed; one
 * that answers belongs to a running server, and a file that is not a socket is someone's data: both
 * are refused with an error saying so.
 *
 * @example
 * ```ts
 * await clearStaleSocket('/run/app.sock');
 * server.listen('/run/app.sock');
 * ```
 */
export async function clearStaleSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(path).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new Error(`cannot listen on unix:${path}: the file exists and is not a socket`);
  const answered = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (answered) throw new Error(`cannot listen on unix:${path}: another server is listening on it`);
  unlinkSync(path);
}

/** Sets a unix socket file's permissions (e.g. `0o660`: the owner and its group may connect). */
export function setSocketMode(path: string, mode: number | undefined): void {
  if (mode !== undefined) chmodSync(path, mode);
}

/** A bound socket the supervisor holds for its workers; see {@link bindSocket}. */
export interface BoundSocket {
  /** The file descriptor, passed to each worker. */
  readonly fd: number;
  /** `http://127.0.0.1:8000` (the real port when asked for 0), or `unix:/path`. */
  readonly url: string;
  /** The address as a worker should listen on it again after a restart. */
  readonly target: ListenTarget;
  close(): void;
}

interface RawServerHandle {
  readonly fd: number;
  getsockname?(out: { address?: string; port?: number }): number;
  close(): void;
}
type CreateServerHandle = (address: string, port: number, addressType: number) => RawServerHandle | number;

/**
 * Binds a socket without accepting on it, for a supervisor: its workers listen on the descriptor and
 * accept, and the supervisor's copy keeps the socket (and its queue of waiting connections) open while
 * no worker is up, as gunicorn's arbiter does. Node has no public call that binds without accepting, so
 * this uses `net._createServerHandle`, the one `cluster` uses for the same purpose.
 *
 * @example
 * ```ts
 * const socket = await bindSocket({ host: '127.0.0.1', port: 0 });
 * spawn(process.execPath, [worker], { stdio: ['inherit', 'inherit', 'inherit', 'ipc', socket.fd] });
 * ```
 */
export async function bindSocket(
  target: ListenTarget,
  options: { unixSocketMode?: number } = {},
): Promise<BoundSocket> {
  const create = (net as unknown as { _createServerHandle?: CreateServerHandle })._createServerHandle;
  if (typeof create !== 'function') throw new Error('this runtime cannot share a socket with workers');
  if ('fd' in target) throw new Error('bindSocket takes an address, not a descriptor');
  if ('path' in target) {
    await clearStaleSocket(target.path);
    const handle = check(create(target.path, -1, -1), `unix:${target.path}`);
    setSocketMode(target.path, options.unixSocketMode);
    return { fd: handle.fd, url: `unix:${target.path}`, target, close: () => handle.close() };
  }
  const address = isIP(target.host) === 0 ? (await lookup(target.host)).address : target.host;
  const handle = check(create(address, target.port, isIP(address)), `${target.host}:${target.port}`);
  const name: { address?: string; port?: number } = {};
  handle.getsockname?.(name);
  const port = name.port ?? target.port;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    fd: handle.fd,
    url: `http://${host}:${port}`,
    target: { host: address, port },
    close: () => handle.close(),
  };
}

function check(result: RawServerHandle | number, where: string): RawServerHandle {
  if (typeof result !== 'number') return result;
  const error = new Error(`listen ${errnoName(result)}: cannot bind ${where}`) as NodeJS.ErrnoException;
  error.code = errnoName(result);
  throw error;
}

function errnoName(code: number): string {
  try {
    return getSystemErrorName(code);
  } catch {
    return String(code);
  }
}
