import type { DisconnectReason, HeaderList } from '../types.js';
import { ignore } from './core/deferred.js';
import type { Exchange } from './core/exchange.js';
import { firstHeader } from './core/header-list.js';
import type { ResponseHead } from './core/response-channel.js';

/** A response from the memory transport, available as soon as the app sent `http.response.start`. */
export interface MemoryResponse {
  readonly status: number;
  /** Response headers as the app sent them, repeated ones (`set-cookie`) kept. */
  readonly headers: HeaderList;
  /** The first value of a header (case-insensitive name), or `undefined`. */
  header(name: string): string | undefined;
  /** The header lists of the `103 Early Hints` the app sent before the start, in order. */
  readonly earlyHints: readonly HeaderList[];
  /** The trailers once the response is complete (`[]` when none); rejects if the response was cut. */
  readonly trailers: Promise<HeaderList>;
  /**
   * The body, chunk by chunk as the app sends it. Each chunk is handed over only when read, so the app's
   * `send` waits for you (an endless stream is safe to read a few chunks of); stopping early (`break`)
   * is the client going away. Errors if the response was cut. Read it once: here or with text/bytes/json.
   */
  readonly body: AsyncIterable<Uint8Array>;
  /** The whole body as bytes; calling it (or text/json) again gives the same bytes. */
  bytes(): Promise<Uint8Array>;
  /** The whole body decoded as UTF-8. */
  text(): Promise<string>;
  /** The whole body parsed as JSON. */
  json<T = unknown>(): Promise<T>;
  /**
   * Simulates the client going away: the app's `receive` gets `http.disconnect` with this reason
   * (default `client-closed`), `scope.signal` aborts, pending and later sends reject. No effect once the
   * response is complete.
   */
  disconnect(reason?: Exclude<DisconnectReason, 'response-complete'>): void;
  /** Resolves (never rejects) once the app's promise for this request settled; then `error` is final. */
  readonly completed: Promise<void>;
  /** The app's error (or an `Error` saying how it broke the protocol), `undefined` when all went well. */
  readonly error: unknown;
}

/**
 * The memory transport's {@link MemoryResponse}: a view on one exchange that reads its body stream.
 * It remembers whether anyone looked at the body, so closing the transport can tell a response a test
 * walked away from (its app blocked on a send nobody will read) from one still being read.
 */
export class ExchangeResponse implements MemoryResponse {
  readonly status: number;
  readonly headers: HeaderList;
  private bodyTouched = false;
  private bodyRead = false;
  private buffered: Promise<Uint8Array> | null = null;

  constructor(
    private readonly exchange: Exchange,
    head: ResponseHead,
  ) {
    this.status = head.status;
    this.headers = head.headers;
  }

  header(name: string): string | undefined {
    return firstHeader(this.headers, name);
  }

  get earlyHints(): readonly HeaderList[] {
    return this.exchange.response.earlyHints;
  }

  get trailers(): Promise<HeaderList> {
    return this.exchange.response.trailers;
  }

  get body(): AsyncIterable<Uint8Array> {
    this.bodyTouched = true;
    return { [Symbol.asyncIterator]: () => this.readOnce() };
  }

  /** True once the body was read or asked for. */
  get touched(): boolean {
    return this.bodyTouched;
  }

  bytes(): Promise<Uint8Array> {
    this.buffered ??= collect(this.body);
    return this.buffered;
  }

  /** The body's one reader: a second read would silently see nothing, so it is refused instead. */
  private readOnce(): AsyncGenerator<Uint8Array, void, undefined> {
    if (this.bodyRead) throw new TypeError('the response body was already read');
    this.bodyRead = true;
    return readChunks(this.exchange.response.body);
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  async json<T = unknown>(): Promise<T> {
    return JSON.parse(await this.text()) as T;
  }

  disconnect(reason: Exclude<DisconnectReason, 'response-complete'> = 'client-closed'): void {
    this.exchange.disconnect(reason);
  }

  get completed(): Promise<void> {
    return this.exchange.finished;
  }

  get error(): unknown {
    return this.exchange.error;
  }
}

async function* readChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const step = await reader.read();
      if (step.done) {
        done = true;
        return;
      }
      yield step.value;
    }
  } finally {
    // Stopping before the end is the client hanging up; the exchange turns the cancel into a disconnect.
    if (!done) await reader.cancel().catch(ignore);
    reader.releaseLock();
  }
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.byteLength;
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.byteLength;
  }
  return whole;
}
