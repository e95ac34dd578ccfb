/** A promise with its settle functions, for state machines that settle it from elsewhere. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Creates a {@link Deferred} (Node 20 has no `Promise.withResolvers`).
 *
 * @example
 * ```ts
 * const ready = deferred<number>();
 * setTimeout(() => ready.resolve(42));
 * await ready.promise; // 42
 * ```
 */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Does nothing; marks a promise's rejection as handled where someone else reports it. */
export function ignore(): void {}

/**
 * A {@link Deferred} whose promise is made only if someone asks for it: most requests settle their
 * head, body and end without anyone awaiting them, and each promise (with its settle functions) is a
 * few allocations on every request. The first settle wins, as with a promise. A rejection is marked
 * handled, as where it is used someone else reports it.
 *
 * @example
 * ```ts
 * const ended = new LazyDeferred<string>();
 * ended.resolve('done'); // no promise made
 * await ended.promise; // 'done'
 * ```
 */
export class LazyDeferred<T> implements Deferred<T> {
  #outcome: { readonly value: T } | { readonly error: unknown } | null = null;
  #made: Deferred<T> | null = null;

  get promise(): Promise<T> {
    if (this.#made === null) {
      const made = deferred<T>();
      made.promise.catch(ignore);
      const outcome = this.#outcome;
      if (outcome !== null) {
        if ('value' in outcome) made.resolve(outcome.value);
        else made.reject(outcome.error);
      }
      this.#made = made;
    }
    return this.#made.promise;
  }

  resolve(value: T): void {
    if (this.#outcome !== null) return;
    this.#outcome = { value };
    this.#made?.resolve(value);
  }

  reject(error: unknown): void {
    if (this.#outcome !== null) return;
    this.#outcome = { error };
    this.#made?.reject(error);
  }
}
