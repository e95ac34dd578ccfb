/** How the supervisor runs its workers (the CLI's `--workers`, `--timeout`, `--max-requests...`). */
export interface WorkerOptions {
  /** Worker processes to keep running. */
  readonly count: number;
  /** Milliseconds a worker's event loop may stay blocked (no heartbeat) before it is killed; 0 = never. */
  readonly timeout: number;
  /** Requests after which a worker is replaced; 0 = never. */
  readonly maxRequests: number;
  /** Up to this many more requests, drawn per worker, so that workers do not all retire at once. */
  readonly maxRequestsJitter: number;
  /** How long a draining worker may take (its graceful timeout), in milliseconds. */
  readonly gracefulTimeout: number;
  /**
   * When the first workers fail to boot: `stop` the supervisor (exit 1, the default), or `wait` for a
   * reload to try again (`--reload`: the next save may fix it).
   */
  readonly firstBootFailure?: 'stop' | 'wait';
  /**
   * What a replaced worker does with idle keep-alive connections: `keep` them for a request a pool may
   * be sending (the default: nginx's upstream pool loses nothing), or `close` them at once (`--reload`:
   * the next request after a save reaches the new code, and a browser retries it on a new connection).
   */
  readonly idleOnDrain?: 'keep' | 'close';
}

/** The defaults of the worker flags, for the help text and the docs. */
export const WORKER_DEFAULTS = Object.freeze({
  timeout: 30_000,
  maxRequests: 0,
  maxRequestsJitter: 0,
});
