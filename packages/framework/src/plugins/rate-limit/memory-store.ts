import type { RateLimitStore, WindowCounts } from './store.js';

interface Entry {
  window: number;
  windowMs: number;
  current: number;
  previous: number;
}

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, in ms since the epoch. Defaults to `Date.now` (a test may pass its own). */
  now?: () => number;
}

/**
 * Counts hits in this process's memory: right for one process; several workers or machines each count
 * their own (use `RedisStore` to share one limit). Keys idle for two windows are dropped, at most once a
 * window, so memory follows the clients seen lately.
 *
 * @example
 * ```ts
 * const store = new MemoryStore();
 * store.hit('rl:{127.0.0.1}', 60_000); // { current: 1, previous: 0, now: ... }
 * ```
 */
export class MemoryStore implements RateLimitStore {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #nextSweep = 0;

  constructor(options: MemoryStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  hit(key: string, windowMs: number): WindowCounts {
    const now = this.#now();
    const window = Math.floor(now / windowMs);
    if (now >= this.#nextSweep) this.#sweep(now, windowMs);
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.windowMs !== windowMs || entry.window < window - 1) {
      this.#entries.set(key, { window, windowMs, current: 1, previous: 0 });
      return { current: 1, previous: 0, now };
    }
    if (entry.window === window - 1) {
      entry.previous = entry.current;
      entry.current = 0;
      entry.window = window;
    }
    entry.current++;
    return { current: entry.current, previous: entry.previous, now };
  }

  /** How many keys are held (for tests and metrics). */
  get size(): number {
    return this.#entries.size;
  }

  #sweep(now: number, windowMs: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.window < Math.floor(now / entry.windowMs) - 1) this.#entries.delete(key);
    }
    this.#nextSweep = now + windowMs;
  }
}
