import type { IncomingMessage, ServerResponse } from 'node:http';
import { DeclaredLength } from '../declared-length.js';
import type {
  DisconnectReason,
  HeaderList,
  HttpResponseBodyEvent,
  HttpResponseEarlyHintsEvent,
  HttpResponseFileEvent,
  HttpResponseStartEvent,
  HttpResponseTrailersEvent,
  SendEvent,
} from '../types.js';
import { writeEarlyHints } from './early-hints.js';
import { fileSlice, streamFileSlice } from './file-slice.js';
import type { HeadToFlush } from './head-flush.js';
import { leaveHeadFlush, queueHeadFlush } from './head-flush.js';
import type { Link } from './linked-set.js';
import type { BridgeConfig } from './options.js';
import { answerPlain } from './plain-answer.js';
import { byteLengthOf, type HeadContext, headLines } from './response-head.js';

/** What the writer needs from the request it belongs to. */
export interface ResponseHost {
  /** Throws `ClientDisconnectedError` when the request is over for the client. */
  assertOpen(): void;
  /** Makes sure a disconnect is noticed (and pending writes rejected) while a write waits. */
  watchClose(): void;
  /** Destroys the connection, ending the request with `reason`. */
  cut(reason: DisconnectReason): void;
  /** The whole response was handed to Node. */
  responseEnded(): void;
  /** True when the app answers without reading a body too long to read and discard (see Exchange). */
  leavesBodyUnread(): boolean;
  /** True while the app's call is on the stack (see {@link ResponseWriter.appCallReturned}). */
  readonly appRunning: boolean;
}

type Phase = 'idle' | 'started' | 'streaming' | 'trailers' | 'done';
/** What may come next in each phase, for the error of an event out of order. */
const EXPECTED_NEXT: Record<Phase, string> = {
  idle: 'http.response.start',
  started: 'a body',
  streaming: 'a body',
  trailers: 'http.response.trailers',
  done: 'nothing',
};
interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * What `send` returns for an event it handled at once: one promise, already fulfilled, so an app that
 * returns it (a framework answering with its last send) is known to be done without waiting a turn.
 */
export const ACCEPTED: Promise<void> = Promise.resolve();
const ignore = (): void => {};

/**
 * Turns the app's response events into Node calls. Headers wait until the first body event, so the
 * common response (start, then one final body) becomes `writeHead` + `end` with a Content-Length; a
 * start left alone is flushed at the next turn of the event loop, so a stream's headers are not held back.
 *
 * @example
 * ```ts
 * const writer = new ResponseWriter(config, req, res, host);
 * await writer.send({ type: 'http.response.start', status: 200 });
 * await writer.send({ type: 'http.response.body', body: 'hi' }); // writeHead(200, [..., 'content-length', '2']) + end('hi')
 * ```
 */
export class ResponseWriter implements HeadToFlush, HeadContext {
  /** The status and headers that went out (the access log reads both), `null` before the head was written. */
  status: number | null = null;
  headers: HeaderList | null = null;
  /** Body bytes handed to Node (counted only when the handler reports responses). */
  bytes = 0;
  readonly #config: BridgeConfig;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #host: ResponseHost;
  #phase: Phase = 'idle';
  #start: HttpResponseStartEvent | null = null;
  #trailers: Array<[string, string]> | null = null;
  #busy: Promise<void> | null = null;
  #waiters: Waiter[] | null = null;
  #onDrain: (() => void) | null = null;
  #writeTimer: NodeJS.Timeout | null = null;
  /** Its place in the queue of heads to flush, from start until the head is written. */
  #flushLink: Link<HeadToFlush> | null = null;
  /** The app's own `content-length` value(s), heard while its head is built (see `declareLength`). */
  #declaredValue: string | null = null;
  /** The body the app's own `content-length` promised, while it streams; `null` when the writer frames it. */
  #declared: DeclaredLength | null = null;

  constructor(config: BridgeConfig, req: IncomingMessage, res: ServerResponse, host: ResponseHost) {
    this.#config = config;
    this.#req = req;
    this.#res = res;
    this.#host = host;
  }

  /** True once `http.response.start` arrived (or the server answered in the app's place). */
  get started(): boolean {
    return this.#phase !== 'idle';
  }

  /** True once the response was handed to Node in full. */
  get ended(): boolean {
    return this.#phase === 'done';
  }

  /** The app's `send`. */
  send(event: SendEvent): Promise<void> {
    // A file is streamed asynchronously; whatever the app sends meanwhile goes after it.
    if (this.#busy !== null) return this.#busy.then(() => this.send(event));
    try {
      this.#host.assertOpen();
      if (this.#phase === 'done')
        throw new TypeError(`send: the response is already complete (${event.type})`);
      switch (event.type) {
        case 'http.response.start':
          this.#startResponse(event);
          return ACCEPTED;
        case 'http.response.body':
          return this.#body(event) ?? ACCEPTED;
        case 'http.response.file':
          return this.#trackBusy(this.#file(event));
        case 'http.response.trailers':
          this.#addTrailers(event);
          return ACCEPTED;
        case 'http.response.early_hints':
          this.#earlyHints(event);
          return ACCEPTED;
        default:
          throw new TypeError(`send: unexpected event ${JSON.stringify(event.type)} in an http scope`);
      }
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Answers in the app's place (400, 413, 500): a short text/plain body. */
  answer(status: number, close: boolean): void {
    this.#leaveFlushQueue();
    this.#phase = 'done';
    this.status = status;
    this.bytes += answerPlain(this.#res, status, close || this.#draining);
  }

  /** True while a write waits for the socket to drain. */
  get waiting(): boolean {
    return this.#waiters !== null;
  }

  /** Rejects the writes waiting for the socket (the request is over). */
  abort(error: Error): void {
    this.#settleWaiters(error);
  }

  /** Writes the head if the app sent a start and nothing since (called once the event loop moved on). */
  flushIdleStart(): void {
    this.#flushLink = null;
    // A file being opened writes the head itself, with the file's length.
    if (this.#phase !== 'started' || this.#busy !== null) return;
    try {
      this.#host.assertOpen();
    } catch {
      return; // the client is gone: nothing to flush to
    }
    try {
      this.#writeHead(null);
      this.#res.flushHeaders();
    } catch {
      // Invalid headers: the app's next send writes the head again and gets this error itself.
    }
  }

  #startResponse(event: HttpResponseStartEvent): void {
    if (this.#phase !== 'idle') throw new TypeError('send: http.response.start was already sent');
    const { status } = event;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new TypeError(`send: http.response.start needs a status from 200 to 599, got ${String(status)}`);
    }
    this.#start = event;
    this.#phase = 'started';
    // A start sent during the app's call usually has its body right behind it: it waits for the call
    // to return instead, which spares the common response joining and leaving the flush queue.
    if (!this.#host.appRunning) this.#flushLink = queueHeadFlush(this);
  }

  /** The app's call returned: a start it sent with no body yet is flushed at the next turn. */
  appCallReturned(): void {
    if (this.#phase === 'started' && this.#flushLink === null) this.#flushLink = queueHeadFlush(this);
  }

  #body(event: HttpResponseBodyEvent): Promise<void> | undefined {
    const body = event.body ?? '';
    // Anything else (an ArrayBuffer, a number) was once dropped without a word, and the response ended.
    if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
      throw new TypeError(`send: http.response.body needs a string or a Uint8Array body, got ${typeof body}`);
    }
    const more = event.more === true;
    if (this.#phase === 'started') {
      if (!more && !this.#start!.trailers) {
        // The hot path: the whole body in one event, so the length is known (and counted only if needed).
        this.#writeHead(body);
        if (this.#config.onResponse !== undefined) this.bytes += byteLengthOf(body);
        this.#res.end(body);
        this.#finish();
        return undefined;
      }
      this.#writeHead(null);
    } else if (this.#phase !== 'streaming') {
      throw new TypeError(this.#outOfOrder('http.response.body'));
    }
    if (this.#declared !== null) this.#holdToDeclared(byteLengthOf(body), more);
    let written: Promise<void> | undefined;
    if (body.length > 0) written = this.#write(body);
    else if (more) this.#res.flushHeaders(); // an empty chunk: put what was sent so far on the wire
    if (!more) this.#endBody();
    return written;
  }

  async #file(event: HttpResponseFileEvent): Promise<void> {
    if (this.#phase !== 'started' && this.#phase !== 'streaming') {
      throw new TypeError(this.#outOfOrder('http.response.file'));
    }
    const slice = await fileSlice(event);
    const more = event.more === true;
    this.#host.assertOpen();
    // The file alone is the body: its length is the Content-Length.
    if (this.#phase === 'started') this.#writeHead(!more && !this.#start!.trailers ? slice.length : null);
    if (this.#declared !== null) this.#holdToDeclared(slice.length, more);
    await streamFileSlice(slice, (chunk) => this.#write(chunk));
    if (!more) this.#endBody();
  }

  #addTrailers(event: HttpResponseTrailersEvent): void {
    if (this.#phase !== 'trailers') throw new TypeError(this.#outOfOrder('http.response.trailers'));
    const trailers = this.#trailers ?? [];
    for (const [name, value] of event.headers) trailers.push([name, value]);
    this.#trailers = trailers;
    if (event.more === true) return;
    this.#res.addTrailers(trailers);
    this.#res.end();
    this.#finish();
  }

  #earlyHints(event: HttpResponseEarlyHintsEvent): void {
    if (this.#phase !== 'idle') throw new TypeError('send: early hints must come before http.response.start');
    writeEarlyHints(this.#req, this.#res, event.headers);
  }

  /**
   * Writes the status line and headers. `whole` is the entire body (or its length) when it is known:
   * its byte length becomes the Content-Length unless the app set one.
   */
  #writeHead(whole: string | Uint8Array | number | null): void {
    const start = this.#start!;
    try {
      this.#declaredValue = null;
      const flat = headLines(start, whole, this);
      if (this.#declaredValue !== null) this.#declared = this.#declaredBody(start.status, whole);
      // Connection: close while draining, and after an answer that leaves a long body unread (a 413).
      if (this.#draining || this.#host.leavesBodyUnread()) this.#res.shouldKeepAlive = false;
      this.#res.writeHead(start.status, flat);
    } catch (error) {
      // Held for the body, the head's headers are checked only now: a start Node refuses (a CR or LF in
      // a value, a content-length its whole body does not match) counts as never sent, so the app's
      // failure can still be answered 500.
      this.#phase = 'idle';
      this.#start = null;
      // Node set the refused head's reason phrase ("OK") and would keep it for the next status.
      this.#res.statusMessage = '';
      this.#leaveFlushQueue();
      throw error;
    }
    this.status = start.status;
    this.headers = start.headers ?? null;
    this.#phase = 'streaming';
    this.#leaveFlushQueue();
  }

  #leaveFlushQueue(): void {
    if (this.#flushLink === null) return;
    leaveHeadFlush(this.#flushLink);
    this.#flushLink = null;
  }

  /** Hears the app's own Content-Length (see `HeadContext`); differing values make one that no parse takes. */
  declareLength(value: string): void {
    this.#declaredValue = this.#declaredValue === null ? value : `${this.#declaredValue}, ${value}`;
  }

  /** What the body must add up to (see `DeclaredLength.forHead`); a mismatch is logged and thrown. */
  #declaredBody(status: number, whole: string | Uint8Array | number | null): DeclaredLength | null {
    try {
      const bytes = whole === null ? null : byteLengthOf(whole);
      return DeclaredLength.forHead(this.#declaredValue!, status, this.#req.method, bytes);
    } catch (error) {
      this.#config.logger.error(
        `${this.#req.method} ${this.#req.url}: ${(error as Error).message}; its start was refused`,
      );
      throw error;
    }
  }

  /** Counts a chunk against the app's Content-Length: past it or short, the connection is cut (no tail to misread). */
  #holdToDeclared(bytes: number, more: boolean): void {
    try {
      this.#declared!.countChunk(bytes, more);
    } catch (error) {
      this.#config.logger.error(
        `${this.#req.method} ${this.#req.url}: ${(error as Error).message}; connection closed`,
      );
      this.#host.cut('server-closed');
      throw error;
    }
  }

  /** The request's method (see `HeadContext`). */
  get requestMethod(): string | undefined {
    return this.#req.method;
  }

  /** Whether the response can be chunked, as trailers need: not for HEAD, 204, 304 or HTTP/1.0. */
  canChunk(status: number): boolean {
    return (
      this.#res.useChunkedEncodingByDefault && this.#req.method !== 'HEAD' && status !== 204 && status !== 304
    );
  }

  #endBody(): void {
    if (this.#start!.trailers) {
      this.#phase = 'trailers';
      return;
    }
    this.#res.end();
    this.#finish();
  }

  #finish(): void {
    this.#phase = 'done';
    // Node emits no 'drain' after end(): a write still waiting counts as accepted now.
    this.#settleWaiters(null);
    this.#host.responseEnded();
  }

  /** Writes a chunk; returns a promise only when the socket is full (backpressure). */
  #write(chunk: Uint8Array | string): Promise<void> | undefined {
    // A file is written chunk after chunk without the app in between: a client gone meanwhile must stop
    // it here, or the write would wait for a 'drain' that a dead socket never emits.
    this.#host.assertOpen();
    if (this.#config.onResponse !== undefined) {
      this.bytes += byteLengthOf(chunk);
    }
    if (this.#res.write(chunk)) return undefined;
    return new Promise<void>((resolve, reject) => {
      if (this.#waiters !== null) {
        this.#waiters.push({ resolve, reject });
        return;
      }
      this.#waiters = [{ resolve, reject }];
      this.#onDrain ??= () => this.#settleWaiters(null);
      this.#res.once('drain', this.#onDrain);
      this.#host.watchClose();
      const timeout = this.#config.writeTimeout;
      if (timeout > 0) this.#writeTimer = setTimeout(() => this.#host.cut('write-timeout'), timeout);
    });
  }

  #settleWaiters(error: Error | null): void {
    const waiters = this.#waiters;
    if (waiters === null) return; // nothing waits: no timer, no listener either
    this.#waiters = null;
    if (this.#writeTimer !== null) clearTimeout(this.#writeTimer);
    this.#writeTimer = null;
    this.#res.off('drain', this.#onDrain!);
    for (const waiter of waiters) {
      if (error === null) waiter.resolve();
      else waiter.reject(error);
    }
  }

  #trackBusy(work: Promise<void>): Promise<void> {
    const settled: Promise<void> = work.then(ignore, ignore).then(() => {
      if (this.#busy === settled) this.#busy = null;
    });
    this.#busy = settled;
    return work;
  }

  get #draining(): boolean {
    return this.#config.drain?.draining === true;
  }

  #outOfOrder(type: string): string {
    return `send: ${type} out of order (expected ${EXPECTED_NEXT[this.#phase]})`;
  }
}
