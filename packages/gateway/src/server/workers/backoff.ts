/**
 * How long the supervisor waits before replacing a worker that exited, so that a worker that keeps
 * dying as it starts (a bad deploy, a database that is down) costs a few log lines a minute rather than
 * a busy loop of forks. The first exit is replaced at once; each further exit of a worker that lived
 * less than `stableAfter` ms doubles the wait, from `base` up to `max`. A worker that lived longer
 * resets the streak.
 *
 * @example
 * ```ts
 * const backoff = new RestartBackoff();
 * backoff.next(200); // 0: replaced at once
 * backoff.next(150); // 250
 * backoff.next(180); // 500
 * backoff.next(60_000); // 0 again: that worker was fine for a minute
 * ```
 */
export class RestartBackoff {
  #streak = 0;

  constructor(
    readonly base = 250,
    readonly max = 10_000,
    readonly stableAfter = 5_000,
  ) {}

  /** Quick exits in a row, counting the last one. */
  get streak(): number {
    return this.#streak;
  }

  /** A worker exited after `uptime` ms: the delay (ms) before its replacement starts. */
  next(uptime: number): number {
    if (uptime >= this.stableAfter) this.#streak = 0;
    this.#streak += 1;
    if (this.#streak === 1) return 0;
    return Math.min(this.max, this.base * 2 ** (this.#streak - 2));
  }
}
