import type { Socket } from 'node:net';

// One 'close' listener per socket however many requests wait on it: pipelined requests each adding
// their own would trip Node's max-listeners warning on a busy connection.
const watchers = new WeakMap<Socket, Set<() => void>>();

/**
 * Calls `listener` once `socket` closes; returns the function that stops watching. A request whose
 * response is queued behind another one on the same connection (HTTP/1.1 pipelining) has no socket
 * on its `ServerResponse` yet, so Node emits no 'close' there when the client goes: the socket does.
 *
 * @example
 * ```ts
 * const stop = onSocketClose(req.socket, () => console.log('client gone'));
 * // ... once the request is over:
 * stop();
 * ```
 */
export function onSocketClose(socket: Socket, listener: () => void): () => void {
  let listeners = watchers.get(socket);
  if (listeners === undefined) {
    const created = new Set<() => void>();
    listeners = created;
    watchers.set(socket, created);
    socket.once('close', () => {
      watchers.delete(socket);
      for (const notify of created) notify();
    });
  }
  const own = listeners;
  own.add(listener);
  return () => {
    own.delete(listener);
  };
}
