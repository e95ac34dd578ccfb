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
