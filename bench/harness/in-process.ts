/**
 * The in-process measurement: a contender's request listener driven without sockets, one request at a
 * time, through Node's own `IncomingMessage` and `ServerResponse` on a socket that accepts every write at
 * once. Each request is set up as `node:http` sets it up (headers added raw and parsed lazily, the body
 * pushed after the listener ran, the response's 'finish' and 'close' as the server handles them), so
 * what is timed is the contender's JavaScript plus Node's HTTP objects: no kernel, no parser, no load
 * generator. The machine's slow phases still reach it, so the harness interleaves contenders batch by
 * batch, as the socket run interleaves its slices.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { decodeChunked, headerOf, parseRawResponse } from '@flagon/gateway/conformance';
import type { RequestListener } from '../contenders/listening.js';
import type { ObservedAnswer } from './answer-check.js';
import { normalizeContentType } from './answer-check.js';
import type { BenchRequest } from './scenarios.js';

/** How long to warm up and measure, in milliseconds of run time. */
export interface InProcessTiming {
  readonly warmupMs: number;
  /** Measured batches per contender, scenario and round, the contenders taking turns. */
  readonly batches: number;
  readonly batchMs: number;
}

/** What one measured batch gave. */
export interface InProcessNumbers {
  /** Wall time per request over the batch, in nanoseconds. */
  readonly ns_per_request: number;
  readonly requests: number;
}

/** What the harness asks of a measuring process, and what it answers (see `in-process-main.ts`). */
export type InProcessJob = { readonly warmUp: number } | { readonly measure: number };
export type InProcessReply =
  | { readonly ready: true }
  | { readonly mismatches: readonly string[] }
  | { readonly warm: true }
  | ({ readonly measured: true } & InProcessNumbers);

/** The parts of Node's internals this file drives, as the HTTP parser and server drive them. */
interface ParsedRequest extends IncomingMessage {
  _addHeaderLines(headers: string[], count: number): void;
  _dump(): void;
  readonly _consuming: boolean;
  readonly _readableState: { readonly resumeScheduled: boolean };
}

/** A socket that takes every write at once and remembers the bytes only when asked to. */
class SinkSocket extends Writable {
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 50000;
  readonly localAddress = '127.0.0.1';
  readonly localPort = 8000;
  /** Open for reading too, as a connection is (body parsers check it); the data comes from the harness. */
  readonly readable = true;
  /** The bytes written while set, for the answer check. */
  captured: Buffer[] | null = null;

  constructor() {
    // Strings stay strings: the kernel copy they would get is not what is measured.
    super({ decodeStrings: false });
    // Every response adds and removes a 'close' listener, as on a real keep-alive connection.
    this.setMaxListeners(0);
    // What node:http's server does for each connection: a drained socket drains its response, which a
    // response streamed with backpressure (a file piped in 64 KiB chunks) waits for.
    this.on('drain', () => {
      const response = (this as { _httpMessage?: ServerResponse | null })._httpMessage;
      if (response && !response.writableFinished) response.emit('drain');
    });
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.captured?.push(Buffer.from(chunk));
    callback();
  }

  override _writev(chunks: Array<{ chunk: Buffer | string }>, callback: () => void): void {
    if (this.captured !== null) for (const { chunk } of chunks) this.captured.push(Buffer.from(chunk));
    callback();
  }

  resume(): this {
    return this;
  }

  pause(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setTimeout(): this {
    return this;
  }
}

/** The raw header lines and body bytes of `request`, as a client like autocannon sends them. */
function wireForm(request: BenchRequest): { raw: string[]; body: Buffer | null } {
  const raw = ['Host', '127.0.0.1:8000'];
  for (const [name, value] of Object.entries(request.headers ?? {})) raw.push(name, value);
  const body = request.body === undefined ? null : Buffer.from(request.body);
  if (body !== null) raw.push('Content-Length', String(body.length));
  return { raw, body };
}

/**
 * Serves one request through `listener` and resolves once the server would be done with it: the
 * response finished, the request dumped if unread, and the ticks that follow run.
 */
function serveOne(
  listener: RequestListener,
  socket: SinkSocket,
  request: BenchRequest,
  wire: { raw: string[]; body: Buffer | null },
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = new IncomingMessage(socket as never) as ParsedRequest;
    req.httpVersionMajor = 1;
    req.httpVersionMinor = 1;
    req.httpVersion = '1.1';
    req.url = request.path;
    req.method = request.method;
    req._addHeaderLines(wire.raw, wire.raw.length);
    const res = new ServerResponse(req);
    res.shouldKeepAlive = true;
    res.assignSocket(socket as never);
    res.on('finish', () => {
      // What node:http's resOnFinish does, then one tick for the ticks it leaves (the 'close' events).
      if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
      res.detachSocket(socket as never);
      process.nextTick(() => {
        res.emit('close');
        process.nextTick(resolve);
      });
    });
    try {
      listener(req, res);
    } catch (error) {
      reject(error);
      return;
    }
    // The parser pushes the body after the 'request' event, then marks the message complete.
    if (wire.body !== null) req.push(wire.body);
    req.complete = true;
    req.push(null);
  });
}

/**
 * Sends `request` once through `listener` and returns the answer as a client would read it.
 *
 * @example
 * ```ts
 * const answer = await answerInProcess(listener, { method: 'GET', path: '/' });
 * answer.status; // 200
 * ```
 */
export async function answerInProcess(
  listener: RequestListener,
  request: BenchRequest,
): Promise<ObservedAnswer> {
  const socket = new SinkSocket();
  socket.captured = [];
  await serveOne(listener, socket, request, wireForm(request));
  return parseResponse(Buffer.concat(socket.captured));
}

/**
 * Parses a raw HTTP/1.1 response (Content-Length or chunked) into status, content type and body.
 *
 * @example
 * ```ts
 * parseResponse(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nhi')).body; // "hi"
 * ```
 */
export function parseResponse(bytes: Buffer): ObservedAnswer {
  const response = parseRawResponse(bytes);
  if (response.status === 0) throw new Error('in-process: the response has no complete head');
  const chunked = headerOf(response.headers, 'transfer-encoding')?.toLowerCase() === 'chunked';
  const contentType = headerOf(response.headers, 'content-type');
  const body = chunked ? decodeChunked(response.body) : response.body;
  // Decoded as fetch decodes it (and throwing as it would when the bytes are not gzip).
  const gzipped = headerOf(response.headers, 'content-encoding')?.toLowerCase() === 'gzip';
  return {
    status: response.status,
    contentType: contentType === undefined ? null : normalizeContentType(contentType),
    body: (gzipped ? gunzipSync(body) : body).toString('utf8'),
    setCookies: response.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value),
    headers: joinedHeaders(response.headers.filter(([name]) => name !== 'set-cookie')),
  };
}

/** Header pairs as fetch's `Headers` gives them: one entry per name, repeated values joined by `, `. */
function joinedHeaders(pairs: readonly (readonly [string, string])[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of pairs) headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  return headers;
}

/** Requests a warm-up runs between looks at the clock. */
const WARMUP_STEP = 500;

/**
 * Times one request shape through a listener: `warmUp` until the JIT settles, then `measure` batches of
 * a given length, sized from the warm-up's last rate. The harness interleaves the batches of several
 * contenders (each in its own process), so that a slow phase of the machine falls on all of them.
 *
 * @example
 * ```ts
 * const timer = new RequestTimer(listener, { method: 'GET', path: '/' });
 * await timer.warmUp(1500);
 * const { ns_per_request } = await timer.measure(150);
 * ```
 */
export class RequestTimer {
  readonly #listener: RequestListener;
  readonly #request: BenchRequest;
  readonly #socket = new SinkSocket();
  readonly #wire: { raw: string[]; body: Buffer | null };
  #batchSize = 0;
  #nsPerRequest = 0;

  constructor(listener: RequestListener, request: BenchRequest) {
    this.#listener = listener;
    this.#request = request;
    this.#wire = wireForm(request);
  }

  /**
   * Serves requests in steps of a fixed size until `ms` of run time are spent: the JIT takes thousands
   * of requests to settle (the first hundred ran 30x slower), so the last step's rate is the one kept.
   */
  async warmUp(ms: number): Promise<void> {
    for (let spent = 0; spent < ms * 1e6; ) {
      const ns = await this.#serve(WARMUP_STEP);
      spent += ns;
      this.#nsPerRequest = ns / WARMUP_STEP;
    }
  }

  /** One batch of about `ms` (its size fixed at the first batch): the time per request in it. */
  async measure(ms: number): Promise<InProcessNumbers> {
    if (this.#batchSize === 0) {
      // Without a warm-up, one step measures the rate the batch size is drawn from.
      if (this.#nsPerRequest === 0) this.#nsPerRequest = (await this.#serve(WARMUP_STEP)) / WARMUP_STEP;
      this.#batchSize = Math.max(100, Math.round((ms * 1e6) / this.#nsPerRequest));
    }
    const ns = await this.#serve(this.#batchSize);
    return { ns_per_request: Math.round(ns / this.#batchSize), requests: this.#batchSize };
  }

  async #serve(count: number): Promise<number> {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) await serveOne(this.#listener, this.#socket, this.#request, this.#wire);
    return Number(process.hrtime.bigint() - started);
  }
}
