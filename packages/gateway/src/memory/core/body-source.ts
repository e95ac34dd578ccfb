import { ignore } from './deferred.js';

/** A request body: whole (a string is sent as UTF-8), or in chunks from an iterable or a Web stream. */
export type RequestBody =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<Uint8Array>;

/** One pull from a body source: a chunk, and whether it is the final one. */
export interface BodyPull {
  readonly chunk: Uint8Array;
  readonly last: boolean;
}

/** Hands a request body out one chunk per call, touching the source only when asked (backpressure). */
export interface BodySource {
  /** The next chunk; after the final one, an empty final chunk again. Rejects when the source fails. */
  next(): Promise<BodyPull>;
  /** Stops the source (the rest of the body is not wanted); safe to call at any time. */
  cancel(): void;
}

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

/**
 * Wraps a request body as a {@link BodySource}. A whole body is one final chunk; a chunked one gives
 * each non-empty chunk with `last: false`, then an empty final chunk once the source ends (it cannot
 * know a chunk is the last before asking for the next). No body at all is one empty final chunk.
 *
 * @example
 * ```ts
 * const source = bodySource(['a', 'b']);
 * await source.next(); // { chunk: 'a' as bytes, last: false }
 * ```
 */
export function bodySource(body: RequestBody | null | undefined): BodySource {
  if (body === null || body === undefined) return NO_BODY;
  if (typeof body === 'string' || body instanceof Uint8Array) return wholeSource(toBytes(body));
  if (isReadableStream(body)) {
    const reader = body.getReader();
    return chunkedSource(
      () => reader.read(),
      () => reader.cancel().catch(ignore),
    );
  }
  const iterator = Symbol.asyncIterator in body ? body[Symbol.asyncIterator]() : body[Symbol.iterator]();
  return chunkedSource(
    async () => iterator.next(),
    () => Promise.resolve(iterator.return?.()).catch(ignore),
  );
}

/**
 * Converts a body chunk to bytes (strings as UTF-8); throws a `TypeError` for anything else.
 *
 * @example
 * ```ts
 * toBytes('é'); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function toBytes(chunk: unknown): Uint8Array {
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  throw new TypeError(`a body chunk must be a string or a Uint8Array, not ${describe(chunk)}`);
}

// No body: every pull is the empty final chunk, so one source serves every such request (most GETs).
const NO_BODY: BodySource = {
  next: () => Promise.resolve({ chunk: EMPTY, last: true }),
  cancel: ignore,
};

const nodeBuffer = (globalThis as { Buffer?: { byteLength(text: string, encoding: 'utf8'): number } }).Buffer;

/**
 * The byte length of a body chunk, a string counted as UTF-8 without encoding it where the runtime can
 * (Node's and Bun's `Buffer`).
 *
 * @example
 * ```ts
 * byteLengthOf('é'); // 2
 * ```
 */
export function byteLengthOf(chunk: Uint8Array | string): number {
  if (typeof chunk !== 'string') return chunk.byteLength;
  return nodeBuffer ? nodeBuffer.byteLength(chunk, 'utf8') : encoder.encode(chunk).byteLength;
}

function wholeSource(chunk: Uint8Array): BodySource {
  let given = false;
  return {
    next: async () => {
      const pull = { chunk: given ? EMPTY : chunk, last: true };
      given = true;
      return pull;
    },
    cancel: ignore,
  };
}

function chunkedSource(
  read: () => Promise<IteratorResult<unknown>>,
  stop: () => Promise<unknown>,
): BodySource {
  let ended = false;
  return {
    async next() {
      while (!ended) {
        const step = await read();
        if (step.done) break;
        const chunk = toBytes(step.value);
        if (chunk.byteLength > 0) return { chunk, last: false };
      }
      ended = true;
      return { chunk: EMPTY, last: true };
    },
    cancel() {
      if (ended) return;
      ended = true;
      void stop();
    },
  };
}

// Duck-typed: a stream from another realm or polyfill is not an instance of this runtime's class.
function isReadableStream(body: object): body is ReadableStream<Uint8Array> {
  return typeof (body as { getReader?: unknown }).getReader === 'function';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'an object';
  return typeof value;
}
