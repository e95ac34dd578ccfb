import type { HeadersInit } from '../http/response-headers.js';
import { Response } from '../response.js';
import type { Producer } from './producer.js';
import { fromProducer } from './producer.js';

/** One server-sent event. `data` that is not a string is sent as JSON. */
export interface ServerSentEvent {
  data?: unknown;
  /** The event name (`addEventListener(name, ...)` on the client); `message` when absent. */
  event?: string;
  id?: string;
  /** Milliseconds the client waits before reconnecting. */
  retry?: number;
  /** A comment line: ignored by clients, useful to keep a connection alive by hand. */
  comment?: string;
}

/** Options of {@link sse}. */
export interface SseOptions {
  /** Seconds between heartbeat comments while no event is sent; `0` turns them off. Defaults to 15. */
  heartbeat?: number;
  status?: number;
  headers?: HeadersInit;
}

/** What {@link sse} streams: an async iterable of events, or a producer that pushes them. */
export type SseSource = AsyncIterable<ServerSentEvent | string> | Producer<ServerSentEvent | string>;

const HEARTBEAT = ':\n\n';

/**
 * A `text/event-stream` response. Events come from an async iterable (a string is an event's `data`)
 * or a producer `(send, signal) => ...`. While no event is due it sends a heartbeat comment every
 * `heartbeat` seconds; when the client disconnects or the server drains it stops, calling the iterator's
 * `return()` so the source's `finally` runs (and aborting a producer's `signal`).
 *
 * @example
 * ```ts
 * app.get('/clock', () =>
 *   sse(async (send, signal) => {
 *     while (!signal.aborted) {
 *       await send({ event: 'tick', data: { now: Date.now() } });
 *       await new Promise((resolve) => setTimeout(resolve, 1000));
 *     }
 *   }),
 * );
 * ```
 */
export function sse(source: SseSource, options: SseOptions = {}): Response {
  const events = typeof source === 'function' ? fromProducer(source) : source;
  const response = new Response(encodeEvents(events), {
    status: options.status ?? 200,
    headers: options.headers,
    contentType: 'text/event-stream; charset=utf-8',
  });
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-cache');
  // Proxies such as nginx buffer responses by default, which would hold events back.
  if (!response.headers.has('x-accel-buffering')) response.headers.set('x-accel-buffering', 'no');
  const seconds = options.heartbeat ?? 15;
  response.streaming = {
    stopOnDrain: true,
    heartbeat: seconds > 0 ? { everyMs: seconds * 1000, chunk: HEARTBEAT } : undefined,
  };
  return response;
}

/**
 * The wire form of one event, ending with the blank line that dispatches it.
 *
 * @example
 * ```ts
 * encodeEvent({ event: 'greet', data: 'hi\nthere' }); // 'event: greet\ndata: hi\ndata: there\n\n'
 * ```
 */
export function encodeEvent(event: ServerSentEvent | string): string {
  if (typeof event === 'string') return dataLines(event);
  let out = '';
  if (event.comment !== undefined)
    out += event.comment
      .split(/\r\n|\r|\n/)
      .map((line) => `: ${line}\n`)
      .join('');
  if (event.event !== undefined) out += `event: ${singleLine('event', event.event)}\n`;
  if (event.id !== undefined) out += `id: ${eventId(event.id)}\n`;
  if (event.retry !== undefined) out += `retry: ${retryMs(event.retry)}\n`;
  if (event.data !== undefined) return out + dataLines(dataText(event.data));
  return `${out}\n`;
}

// Browsers ignore an id holding NUL (the HTML spec's rule), so the client would resume from an older one.
function eventId(id: string): string {
  if (id.includes('\0')) throw new TypeError('SSE id must not contain NUL: browsers ignore such an id');
  return singleLine('id', id);
}

function retryMs(retry: number): number {
  if (!Number.isFinite(retry))
    throw new TypeError(`SSE retry must be a number of milliseconds, got ${retry}`);
  return Math.max(0, Math.trunc(retry));
}

function dataText(data: unknown): string {
  if (typeof data === 'string') return data;
  const json = JSON.stringify(data);
  if (json === undefined) throw new TypeError(`SSE data: a ${typeof data} is not serializable as JSON`);
  return json;
}

function dataLines(data: string): string {
  return `${data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('')}\n`;
}

function singleLine(field: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new TypeError(`SSE ${field} must be a single line`);
  return value;
}

// Not an async generator: a generator's return() waits for its pending step, while this one reaches the
// source at once, so a producer's signal aborts the moment the client leaves.
function encodeEvents(events: AsyncIterable<ServerSentEvent | string>): AsyncIterable<string> {
  return {
    [Symbol.asyncIterator]() {
      const source = events[Symbol.asyncIterator]();
      return {
        async next(): Promise<IteratorResult<string>> {
          const result = await source.next();
          return result.done
            ? { done: true, value: undefined }
            : { done: false, value: encodeEvent(result.value) };
        },
        async return(): Promise<IteratorResult<string>> {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
