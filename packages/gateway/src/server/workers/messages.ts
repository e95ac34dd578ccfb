/**
 * What a worker tells its supervisor over the IPC channel. Every message carries `flagon` so that
 * Node's own cluster messages and an app's `process.send` calls are never taken for ours.
 */
export type WorkerMessage =
  /** Lifespan startup done and listening: it may take requests, and an old worker may drain. */
  | { readonly flagon: 'ready'; readonly url: string }
  /** The app could not be loaded or its lifespan startup failed; the worker exits 1 next. */
  | { readonly flagon: 'boot-failed'; readonly message: string }
  /** The worker's event loop turned (see `startHeartbeat`). */
  | { readonly flagon: 'beat' }
  /** It served its `--max-requests`: replace it (it goes on serving until told to drain). */
  | { readonly flagon: 'retire'; readonly served: number };

const KINDS = new Set(['ready', 'boot-failed', 'beat', 'retire']);

/**
 * True for a message a worker of ours sent.
 *
 * @example
 * ```ts
 * worker.on('message', (message: unknown) => { if (isWorkerMessage(message)) handle(message); });
 * ```
 */
export function isWorkerMessage(message: unknown): message is WorkerMessage {
  if (typeof message !== 'object' || message === null) return false;
  const kind = (message as { flagon?: unknown }).flagon;
  return typeof kind === 'string' && KINDS.has(kind);
}

/**
 * Sends `message` to the supervisor, if there still is one: a worker whose supervisor is gone exits
 * on its own (Node's cluster does that when the channel closes), so a lost message needs no handling.
 *
 * @example
 * ```ts
 * tellSupervisor({ flagon: 'ready', url: server.url });
 * ```
 */
export function tellSupervisor(message: WorkerMessage): void {
  if (process.send !== undefined && process.connected) process.send(message);
}
