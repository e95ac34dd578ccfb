import { ClientDisconnectedError } from '@flagon/gateway/core';
import { markHandled } from './handled.js';

/**
 * A producer callback: gets a `send` that resolves once the consumer took the item (backpressure) and
 * rejects with `ClientDisconnectedError` once the consumer stopped, plus a `signal` aborted at that moment.
 * A `send` that is not awaited (from an event listener) is fine: its rejection is never unhandled.
 */
export type Producer<T> = (send: (item: T) => Promise<void>, signal: AbortSignal) => Promise<void> | void;

interface Queued<T> {
  readonly item: T;
  readonly taken: () => void;
  readonly dropped: (error: unknown) => void;
}

/**
 * Turns a push-style producer into an async iterable. The producer starts on the first `next()` (so a
 * response that is never iterated, as for `HEAD`, never runs it); it ends the stream by returning, fails
 * it by throwing; the consumer's `return()` aborts its signal and rejects its pending and later sends.
 *
 * @example
 * ```ts
 * const items = fromProducer<string>(async (send) => { await send('a'); await send('b'); });
 * for await (const item of items) console.log(item); // a, b
 * ```
 */
export function fromProducer<T>(producer: Producer<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const controller = new AbortController();
      const queue: Queued<T>[] = [];
      let waiter:
        | { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }
        | undefined;
      let started = false;
      let outcome: { failed: boolean; error: unknown } | undefined;

      const wake = () => {
        if (waiter === undefined) return;
        const current = waiter;
        const next = queue.shift();
        if (next !== undefined) {
          waiter = undefined;
          next.taken();
          current.resolve({ done: false, value: next.item });
        } else if (outcome !== undefined) {
          waiter = undefined;
          if (outcome.failed) current.reject(outcome.error);
          else current.resolve({ done: true, value: undefined });
        }
      };
      const send = (item: T): Promise<void> => {
        const sent = controller.signal.aborted
          ? Promise.reject<void>(controller.signal.reason)
          : new Promise<void>((taken, dropped) => {
              queue.push({ item, taken, dropped });
              wake();
            });
        // An event listener cannot await its send: once the client leaves, the rejection must not crash
        // the process. A producer that awaits still sees it.
        return markHandled(sent);
      };
      const finish = (failed: boolean, error?: unknown) => {
        outcome ??= { failed, error };
        wake();
      };

      return {
        next() {
          if (!started) {
            started = true;
            Promise.resolve()
              .then(() => producer(send, controller.signal))
              .then(
                () => finish(false),
                (error: unknown) => finish(true, error),
              );
          }
          return new Promise((resolve, reject) => {
            waiter = { resolve, reject };
            wake();
          });
        },
        async return() {
          const reason = new ClientDisconnectedError('client-closed');
          controller.abort(reason);
          for (const queued of queue.splice(0)) queued.dropped(reason);
          finish(false);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
