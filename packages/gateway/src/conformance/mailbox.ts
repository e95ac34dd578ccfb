/**
 * Notes passed between a check's app (running inside the server) and its client interaction: the app
 * posts what it saw (`scope`, the events `receive` gave), the client posts what it did, and either side
 * waits for the other's note. Closing it (the check is over) rejects every wait, so nothing hangs.
 *
 * @example
 * ```ts
 * const mailbox = new Mailbox();
 * // in the app:    mailbox.post('method', scope.method);
 * // in the client: assert.equal(await mailbox.next('method'), 'POST');
 * ```
 */
export class Mailbox {
  readonly #unread = new Map<string, unknown[]>();
  readonly #latest = new Map<string, unknown>();
  readonly #waiters = new Map<string, Array<{ resolve(value: unknown): void; reject(error: Error): void }>>();
  readonly #log: string[] = [];
  #closedWith: Error | undefined;

  /** Leaves a note under `key`: it goes to the oldest waiter, or waits for the next `next(key)`. */
  post(key: string, value: unknown = true): void {
    if (this.#closedWith) return;
    this.#log.push(key);
    this.#latest.set(key, value);
    const waiter = this.#waiters.get(key)?.shift();
    if (waiter) waiter.resolve(value);
    else this.#unread.set(key, [...(this.#unread.get(key) ?? []), value]);
  }

  /** The oldest unread note under `key`, waiting for one if there is none yet. */
  next<T = unknown>(key: string): Promise<T> {
    const queue = this.#unread.get(key);
    if (queue && queue.length > 0) return Promise.resolve(queue.shift() as T);
    if (this.#closedWith) return Promise.reject(waitError(this.#closedWith, key));
    return new Promise<T>((resolve, reject) => {
      const waiters = this.#waiters.get(key) ?? [];
      waiters.push({ resolve: resolve as (value: unknown) => void, reject });
      this.#waiters.set(key, waiters);
    });
  }

  /** The last note posted under `key` (read or not), or `undefined`. */
  latest<T = unknown>(key: string): T | undefined {
    return this.#latest.get(key) as T | undefined;
  }

  /** True once anything was posted under `key`. */
  has(key: string): boolean {
    return this.#latest.has(key);
  }

  /** The keys someone is waiting on right now. */
  get pendingKeys(): string[] {
    return [...this.#waiters].filter(([, waiters]) => waiters.length > 0).map(([key]) => key);
  }

  /** Every key posted so far, in posting order: what happened before what. */
  get log(): readonly string[] {
    return this.#log;
  }

  /** Rejects every pending and later wait with `reason`; later posts are dropped. */
  close(reason: Error): void {
    if (this.#closedWith) return;
    this.#closedWith = reason;
    for (const [key, waiters] of this.#waiters)
      for (const waiter of waiters) waiter.reject(waitError(reason, key));
    this.#waiters.clear();
  }
}

function waitError(reason: Error, key: string): Error {
  return new Error(`${reason.message} (while waiting for "${key}")`, { cause: reason });
}
