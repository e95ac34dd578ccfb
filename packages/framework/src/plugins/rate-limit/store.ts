/** What a store knows of one key after counting a hit: the hits of this window and of the one before. */
export interface WindowCounts {
  /** Hits in the current window, this one included. */
  readonly current: number;
  /** Hits in the window before (for the sliding estimate). */
  readonly previous: number;
  /** The store's clock when it counted, in ms since the epoch: windows start at multiples of their length. */
  readonly now: number;
}

/**
 * Where a rate limiter counts hits: per process ({@link MemoryStore}) or shared by every worker and
 * machine (`RedisStore`). Windows are aligned on the store's clock (`floor(now / windowMs)`), so every
 * process sharing a store agrees on them.
 *
 * @example
 * ```ts
 * const counts = await store.hit('rl:{127.0.0.1}', 60_000); // { current: 1, previous: 0, now: ... }
 * ```
 */
export interface RateLimitStore {
  /** Counts one hit for `key` in the current window of `windowMs`, atomically, and returns the counts. */
  hit(key: string, windowMs: number): WindowCounts | Promise<WindowCounts>;
}
