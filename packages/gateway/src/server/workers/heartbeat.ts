import { tellSupervisor } from './messages.js';

/**
 * Starts a worker's heartbeat: a message to the supervisor every `interval` ms, sent from a timer, so
 * it stops when the event loop is blocked (a CPU-bound route, an endless loop, a synchronous call that
 * hangs). That silence is what `--timeout` measures, as gunicorn's worker "notify" does. The timer does
 * not keep the process alive. Returns a function that stops it.
 *
 * @example
 * ```ts
 * const stop = startHeartbeat(1_000);
 * ```
 */
export function startHeartbeat(interval: number): () => void {
  tellSupervisor({ flagon: 'beat' });
  const timer = setInterval(() => tellSupervisor({ flagon: 'beat' }), interval);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * How often a worker beats for a given `--timeout`: often enough that a few beats fit in it, at most
 * once a second (an IPC message a second per worker costs nothing).
 *
 * @example
 * ```ts
 * heartbeatInterval(30_000); // 1000
 * heartbeatInterval(1_000); // 250
 * ```
 */
export function heartbeatInterval(timeout: number): number {
  return Math.max(50, Math.min(1_000, Math.floor(timeout / 4)));
}

/**
 * The supervisor's side: remembers when each worker last beat, and says which ones stayed silent
 * longer than `timeout` ms.
 *
 * @example
 * ```ts
 * const watch = new HeartbeatWatch(30_000);
 * watch.beat(worker.id);
 * watch.silent(Date.now()); // ids of workers silent for more than 30 s
 * ```
 */
export class HeartbeatWatch {
  readonly #lastBeat = new Map<number, number>();

  constructor(readonly timeout: number) {}

  /** A worker beat (the supervisor starts watching a worker when it is ready). */
  beat(id: number, now = Date.now()): void {
    this.#lastBeat.set(id, now);
  }

  forget(id: number): void {
    this.#lastBeat.delete(id);
  }

  /** Ids of the workers silent for longer than the timeout at `now`. */
  silent(now = Date.now()): number[] {
    const late: number[] = [];
    for (const [id, last] of this.#lastBeat) if (now - last > this.timeout) late.push(id);
    return late;
  }
}
