import type { WindowCounts } from './store.js';

/** How hits are counted: per fixed window, or the sliding estimate over the current and the last one. */
export type RateLimitAlgorithm = 'fixed' | 'sliding';

/** Where a client stands after a hit. */
export interface RateLimitState {
  /** True when this hit is over the limit: it is refused. */
  readonly limited: boolean;
  readonly limit: number;
  /** Hits left before the limit (0 when limited). */
  readonly remaining: number;
  /** Seconds until a hit is allowed again (limited), or until the current window ends. */
  readonly resetSeconds: number;
}

/**
 * Where a client stands, from its window counts. `fixed` counts the current window's hits. `sliding` is
 * the two-window approximation (as Cloudflare's and nginx-style limiters do): the previous window's count
 * weighted by how much of it still overlaps a window ending now, plus the current one's: smooth at the
 * window edges (no burst of twice the limit there), with two counters a key instead of a log of hits.
 *
 * @example
 * ```ts
 * rateLimitState('sliding', 10, 60_000, { current: 3, previous: 10, now: 90_000 });
 * // 10 * 0.5 + 3 = 8 used: { limited: false, limit: 10, remaining: 2, resetSeconds: 30 }
 * ```
 */
export function rateLimitState(
  algorithm: RateLimitAlgorithm,
  limit: number,
  windowMs: number,
  counts: WindowCounts,
): RateLimitState {
  const elapsed = counts.now - Math.floor(counts.now / windowMs) * windowMs;
  const weight = algorithm === 'fixed' ? 0 : 1 - elapsed / windowMs;
  const used = counts.previous * weight + counts.current;
  const limited = used > limit;
  const untilWindowEnd = windowMs - elapsed;
  const waitMs = limited
    ? algorithm === 'fixed'
      ? untilWindowEnd
      : slidingWait(limit, windowMs, elapsed, counts)
    : untilWindowEnd;
  return {
    limited,
    limit,
    remaining: limited ? 0 : Math.max(0, Math.floor(limit - used)),
    resetSeconds: Math.max(limited ? 1 : 0, Math.ceil(waitMs / 1000)),
  };
}

/** Milliseconds until one more hit fits under the sliding estimate, if no other hit comes meanwhile. */
function slidingWait(limit: number, windowMs: number, elapsed: number, counts: WindowCounts): number {
  const { current, previous } = counts;
  // Still in this window: the previous window's share shrinks as time goes on.
  if (current + 1 <= limit && previous > 0) {
    const at = windowMs * (1 - (limit - current - 1) / previous);
    if (at <= windowMs) return Math.max(0, at - elapsed);
  }
  // In the next window, this window's hits are the ones weighted down.
  const next = current === 0 ? 0 : Math.max(0, windowMs * (1 - (limit - 1) / current));
  return windowMs - elapsed + next;
}
