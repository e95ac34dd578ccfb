import type { HttpScope, HttpSend } from '@flagon/gateway/core';
import { ClientDisconnectedError, isClientDisconnected } from '@flagon/gateway/core';
import { ResponseChunk } from './events.js';
import { ignoreRejection } from './handled.js';

/** How a streamed body behaves besides sending its chunks. */
export interface PipeOptions {
  /** End the body (cleanly) when the server starts draining: right for endless streams such as SSE. */
  readonly stopOnDrain?: boolean;
  /** Send `chunk` whenever `everyMs` pass without a chunk, so proxies and clients keep the stream open. */
  readonly heartbeat?: { readonly everyMs: number; readonly chunk: string } | undefined;
}

type Step =
  | { kind: 'next'; result: IteratorResult<Uint8Array | string> }
  | { kind: 'stop' }
  | { kind: 'beat' };

const STOP: Step = { kind: 'stop' };
const BEAT: Step = { kind: 'beat' };

/**
 * Sends every chunk of `iterable` as `http.response.body` events with `more: true` (each send awaited, so
 * a slow client slows the producer), then the final empty chunk. When the client goes away (or the server
 * drains, with `stopOnDrain`) it stops at once and calls the iterator's `return()`, so the producer's
 * `finally` blocks run; after a disconnect it rejects with the {@link ClientDisconnectedError}.
 *
 * @example
 * ```ts
 * await send({ type: 'http.response.start', status: 200, headers: [] });
 * await pipeIterable(chunks(), scope, send, { stopOnDrain: false });
 * ```
 */
export async function pipeIterable(
  iterable: AsyncIterable<Uint8Array | string>,
  scope: HttpScope,
  send: HttpSend,
  options: PipeOptions = {},
): Promise<void> {
  const iterator = iterable[Symbol.asyncIterator]();
  const stopped = stopSignal(scope, options.stopOnDrain === true);
  let pending: Promise<Step> | undefined;
  let finished = false;
  try {
    while (!stopped.fired()) {
      pending ??= iterator.next().then((result): Step => ({ kind: 'next', result }));
      const step = await nextStep(pending, stopped.promise, options.heartbeat?.everyMs);
      if (step.kind === 'stop') break;
      if (step.kind === 'beat') {
        await send(new ResponseChunk(options.heartbeat?.chunk ?? '', true));
        continue;
      }
      pending = undefined;
      if (step.result.done) {
        finished = true;
        break;
      }
      await send(new ResponseChunk(step.result.value, true));
    }
  } finally {
    stopped.dispose();
    if (!finished) await closeIterator(iterator, pending !== undefined);
  }
  if (scope.signal.aborted) throw disconnectError(scope.signal.reason);
  await send(new ResponseChunk('', false));
}

async function nextStep(
  pending: Promise<Step>,
  stop: Promise<Step>,
  beatMs: number | undefined,
): Promise<Step> {
  if (beatMs === undefined || beatMs <= 0) return Promise.race([pending, stop]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const beat = new Promise<Step>((resolve) => {
    timer = setTimeout(resolve, beatMs, BEAT);
  });
  try {
    return await Promise.race([pending, stop, beat]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Lets go of a streamed body that will not be sent (a `HEAD` answer, a 204, a replaced response, a client
 * gone before the start): its iterator's `return()` is called, so a producer's `finally` runs and a
 * `ReadableStream` is cancelled, and a Node stream is destroyed (its iterator's `return()` does nothing
 * before the first `next()`, so the file it opened would stay open). Not awaited; its errors are dropped.
 *
 * @example
 * ```ts
 * closeUnsentBody(createReadStream('/srv/big.log')); // its file descriptor is closed
 * ```
 */
export function closeUnsentBody(body: AsyncIterable<unknown>): void {
  if (isNodeStream(body)) {
    body.destroy();
    return;
  }
  try {
    void closeIterator(body[Symbol.asyncIterator](), true);
  } catch {
    // A ReadableStream already locked by a reader: whoever holds that reader closes it.
  }
}

// return() on an async generator that is mid-await only runs once it reaches its next yield, so it is
// not awaited then (the producer may wait on something that never comes); its rejection is dropped,
// and so is its throw (the executor turns one into a rejection).
async function closeIterator(iterator: AsyncIterator<unknown>, busy: boolean): Promise<void> {
  const closing = new Promise((resolve) => resolve(iterator.return?.())).then(undefined, ignoreRejection);
  if (!busy) await closing;
}

function isNodeStream(body: AsyncIterable<unknown>): body is AsyncIterable<unknown> & { destroy(): void } {
  return typeof (body as { destroy?: unknown }).destroy === 'function';
}

function stopSignal(scope: HttpScope, onDrain: boolean) {
  const signals = onDrain ? [scope.signal, scope.drain] : [scope.signal];
  let fire!: (step: Step) => void;
  const promise = new Promise<Step>((resolve) => {
    fire = resolve;
  });
  const onAbort = () => fire(STOP);
  for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
  return {
    promise,
    fired: () => signals.some((signal) => signal.aborted),
    dispose: () => {
      for (const signal of signals) signal.removeEventListener('abort', onAbort);
    },
  };
}

function disconnectError(reason: unknown): ClientDisconnectedError {
  return isClientDisconnected(reason) ? reason : new ClientDisconnectedError('client-closed');
}
