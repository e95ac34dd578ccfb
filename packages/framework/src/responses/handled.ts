/** Drops a rejection: for a promise whose failure is reported some other way, or not at all. */
export const ignoreRejection = (): void => {};

/**
 * `promise` itself, marked as handled: if no one ever awaits it (an event listener cannot), its rejection
 * does not crash the process as an unhandled one, while whoever does await it still sees the rejection.
 *
 * @example
 * ```ts
 * bus.on('message', (message) => {
 *   markHandled(send(message)); // rejects once the client left: nothing to do about it here
 * });
 * ```
 */
export function markHandled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(ignoreRejection);
  return promise;
}
