import type { Link } from './linked-set.js';
import { LinkedSet } from './linked-set.js';

/** Which of a request's deadlines passed: its body stalled, or its response took too long. */
export type DeadlineKind = 'body' | 'response';

/** What a {@link DeadlineSweep} tells when a deadline it watches has passed. */
export interface DeadlineOwner {
  deadlinePassed(kind: DeadlineKind): void;
}

/** One watched deadline: a class, as every per-request object of the bridge (see `RequestTarget`). */
export class Deadline {
  constructor(
    readonly at: number,
    readonly owner: DeadlineOwner,
    readonly kind: DeadlineKind,
  ) {}
}

/**
 * The bridge's coarse clock for its per-request timeouts (`bodyTimeout`, `responseTimeout`): one
 * interval per handler, running while something is watched (and one interval more), instead of a
 * timer per request.
 * Watching costs a link in a list; a deadline is noticed up to `interval` ms late, which is fine for
 * timeouts counted in seconds.
 *
 * @example
 * ```ts
 * const sweep = new DeadlineSweep(250);
 * const watch = sweep.watch(exchange, 'response', 30_000);
 * sweep.unwatch(watch); // the response completed in time
 * ```
 */
export class DeadlineSweep {
  readonly #watched = new LinkedSet<Deadline>();
  readonly #interval: number;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(interval: number) {
    this.#interval = interval;
  }

  /** Watches `owner` for `ms` from now; keep the link to {@link DeadlineSweep.unwatch} it. */
  watch(owner: DeadlineOwner, kind: DeadlineKind, ms: number): Link<Deadline> {
    const link = this.#watched.add(new Deadline(Date.now() + ms, owner, kind));
    // Unref'd: a watched request never holds a process open on its own.
    this.#timer ??= setInterval(() => this.#sweep(), this.#interval).unref();
    return link;
  }

  /** Stops watching; a link already unwatched (or passed) is ignored. */
  unwatch(link: Link<Deadline>): void {
    // The interval stays until a sweep finds nothing watched: stopping it whenever the list emptied
    // made a timer per request under load (the list empties between requests), ~1.2 us each.
    this.#watched.delete(link);
  }

  /** How many deadlines are watched (for tests and diagnostics). */
  get size(): number {
    return this.#watched.size;
  }

  #sweep(): void {
    if (this.#watched.size === 0) {
      clearInterval(this.#timer!);
      this.#timer = null;
      return;
    }
    const now = Date.now();
    // values() is a copy: owners unwatch (and so leave the list) as they are told.
    for (const deadline of this.#watched.values()) {
      if (deadline.at <= now) deadline.owner.deadlinePassed(deadline.kind);
    }
  }
}

/**
 * The sweep interval for the shortest of `timeouts` (those above 0): a quarter of it, from 50 ms to
 * 1 s; `null` when none is set, so a handler without timeouts has no sweep at all.
 *
 * @example
 * ```ts
 * sweepInterval(30_000, 0); // 1000
 * ```
 */
export function sweepInterval(...timeouts: number[]): number | null {
  const shortest = Math.min(...timeouts.filter((t) => t > 0));
  if (!Number.isFinite(shortest)) return null;
  return Math.max(50, Math.min(1_000, Math.floor(shortest / 4)));
}
