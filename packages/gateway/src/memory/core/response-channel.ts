import { DeclaredLength } from '../../declared-length.js';
import type { HeaderList, HttpResponseStartEvent, SendEvent } from '../../types.js';
import { byteLengthOf, toBytes } from './body-source.js';
import type { Deferred } from './deferred.js';
import { deferred, LazyDeferred } from './deferred.js';
import type { FileRange } from './file-chunks.js';
import { readFileChunks } from './file-chunks.js';
import { checkHeaderList } from './header-list.js';
import type {
  OfferedSendExtensions,
  ResponseChannelOptions,
  ResponseHead,
} from './response-channel-options.js';

export type {
  OfferedSendExtensions,
  ResponseChannelOptions,
  ResponseHead,
} from './response-channel-options.js';

// Statuses whose responses never carry a body (Fetch refuses to build one with a body for these).
const NULL_BODY_STATUSES = new Set([204, 205, 304]);
const EMPTY = new Uint8Array(0);
const DONE: Promise<void> = Promise.resolve();

type Phase = 'head' | 'body' | 'trailers' | 'complete' | 'failed';

/** A body chunk as the channel holds it: bytes, or a final chunk's string, encoded only if streamed. */
export type BodyChunk = Uint8Array | string;

/** A body chunk waiting for the consumer to read it, and the send that waits with it. */
interface OfferedChunk {
  readonly chunk: Uint8Array;
  readonly taken: Deferred<void>;
}

/**
 * The `send` side of one request: it checks the order of the app's events and turns them into a
 * response head, a body stream and trailers. The body is a `ReadableStream` with no buffer of its own,
 * so a body `send` (but the final one) resolves only when the consumer reads that chunk: that is the
 * backpressure the memory transport's reader and a Fetch host's socket both exert.
 */
export class ResponseChannel {
  /** Early hints (`103`) received before the start, in order. */
  readonly earlyHints: HeaderList[] = [];
  private phase: Phase = 'head';
  private failure: unknown;
  private hasStarted = false;
  private hasBodyBytes = true;
  private trailersAnnounced = false;
  /** The body the app's own `content-length` promised ([S-CONTENT-LENGTH-MATCH]), when it set one. */
  private declared: DeclaredLength | null = null;
  private framingError: TypeError | null = null;
  private readonly trailerList: Array<readonly [string, string]> = [];
  private readonly headReady = new LazyDeferred<ResponseHead>();
  private readonly trailersReady = new LazyDeferred<HeaderList>();
  /** Settled by the first body event: its bytes when it is the whole body, else `null`. */
  private readonly firstBody = new LazyDeferred<BodyChunk | null>();
  private firstBodySeen = false;
  private firstBodyWhole: BodyChunk | null = null;
  private startedHead: ResponseHead | null = null;
  // The body stream is made when first asked for: a body sent whole is read from `wholeBody` and never
  // needs one (a ReadableStream costs more than the rest of a small response on Node 20). Until then,
  // what the stream would have received waits in `earlyChunks` and `earlyEnd`.
  private stream: ReadableStream<Uint8Array> | null = null;
  private controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  private earlyChunks: BodyChunk[] | null = null;
  private earlyEnd: { error: unknown } | 'closed' | null = null;
  private streamOpen = true;
  private offered: OfferedChunk | null = null;
  private wakeReader: (() => void) | null = null;
  // Sends are handled one at a time, in call order, even when an app does not await each one.
  private queue: Promise<void> = DONE;
  private sendsInProgress = 0;

  constructor(private readonly options: ResponseChannelOptions) {}

  /** The body bytes, chunk by chunk as the app sends them (made on first use, with what came before). */
  get body(): ReadableStream<Uint8Array> {
    this.stream ??= new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          for (const chunk of this.earlyChunks ?? []) controller.enqueue(toBytes(chunk));
          const end = this.earlyEnd;
          this.earlyChunks = null;
          if (end === 'closed') controller.close();
          else if (end !== null) controller.error(end.error);
        },
        pull: (controller) => this.pull(controller),
        cancel: () => {
          this.streamOpen = false;
          this.options.onCancel();
        },
      },
      { highWaterMark: 0 },
    );
    return this.stream;
  }

  /** Resolves with the head at `http.response.start`; rejects if the response failed before it. */
  get head(): Promise<ResponseHead> {
    return this.headReady.promise;
  }

  /** Resolves with the trailers (`[]` when none were announced) once the response is complete. */
  get trailers(): Promise<HeaderList> {
    return this.trailersReady.promise;
  }

  /**
   * Resolves with the whole body when the app sent it in the first body event (so its length is
   * known: the Content-Length), with `null` when it streams (or the response failed). Before the
   * first body event it stays pending: a caller races it with a turn of the event loop.
   */
  get wholeBody(): Promise<BodyChunk | null> {
    return this.firstBody.promise;
  }

  /** True once `wholeBody` has settled: no turn of the event loop to wait for. */
  get wholeBodyKnown(): boolean {
    return this.firstBodySeen;
  }

  /** What `wholeBody` settled with, read without waiting: `null` until then, or when the body streams. */
  get knownWholeBody(): BodyChunk | null {
    return this.firstBodyWhole;
  }

  /** What `head` resolved with, read without waiting: `null` before `http.response.start`. */
  get knownHead(): ResponseHead | null {
    return this.startedHead;
  }

  /** The error of a body that broke the app's own Content-Length, once one did: the response failed for it. */
  get refusedFraming(): TypeError | null {
    return this.framingError;
  }

  /** True once `http.response.start` was accepted. */
  get started(): boolean {
    return this.hasStarted;
  }

  /** True once the whole response was sent. */
  get complete(): boolean {
    return this.phase === 'complete';
  }

  /** False for a response that carries no body bytes (`HEAD`, 204, 205, 304); known after the start. */
  get hasBody(): boolean {
    return this.hasBodyBytes;
  }

  /** Resolves once every send made so far has been handled (accepted or rejected). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** The app's `send`. */
  readonly send = (event: SendEvent): Promise<void> => {
    // With no send in progress the event is handled at once: most sends (the start, a final body)
    // finish there, and chaining them on the queue cost three promises each.
    if (this.sendsInProgress === 0) {
      let handling: Promise<void> | undefined;
      try {
        handling = this.handle(event);
      } catch (error) {
        return Promise.reject(error);
      }
      if (handling === undefined) return DONE;
      return this.track(handling);
    }
    return this.track(this.queue.then(() => this.handle(event)));
  };

  /** Keeps later sends behind `handling` until it settles. */
  private track(handling: Promise<void>): Promise<void> {
    this.sendsInProgress++;
    this.queue = handling.then(this.sendEnded, this.sendEnded);
    return handling;
  }

  private readonly sendEnded = (): void => {
    this.sendsInProgress--;
  };

  /**
   * Ends the response unfinished: pending and later sends reject with `error`, the body stream errors
   * (or, `quietly`, closes: for a consumer that is gone), and the head (if not yet sent) and trailers
   * promises reject. Does nothing once complete.
   */
  fail(error: unknown, quietly = false): void {
    if (this.phase === 'complete' || this.phase === 'failed') return;
    this.phase = 'failed';
    this.failure = error;
    if (this.streamOpen) this.endStream(quietly ? 'closed' : { error });
    this.offered?.taken.reject(error);
    this.offered = null;
    this.noteFirstBody(null);
    this.wakeReader?.();
    this.headReady.reject(error);
    this.trailersReady.reject(error);
  }

  /**
   * Sends a whole response of the transport's own (the 500 for an app that failed before starting),
   * bypassing the app's event rules. Only possible before the app started a response.
   */
  respond(head: ResponseHead, body: Uint8Array): void {
    if (this.phase !== 'head') return;
    this.begin(head.status);
    this.startedHead = head;
    this.headReady.resolve(head);
    this.noteFirstBody(body);
    if (this.hasBodyBytes && body.byteLength > 0) this.enqueue(body);
    this.endBody();
  }

  /** Handles one send: `undefined` when it is done, else a promise of when it is (or why it failed). */
  private handle(event: SendEvent): Promise<void> | undefined {
    if (this.phase === 'failed') throw this.failure;
    if (this.phase === 'complete') throw new TypeError(`${event.type}: the response is already complete`);
    switch (event.type) {
      case 'http.response.early_hints':
        this.expect('earlyHints', event.type);
        if (this.phase !== 'head') throw new TypeError(`${event.type} must come before http.response.start`);
        this.earlyHints.push(checkHeaderList(event.headers, event.type));
        return;
      case 'http.response.start':
        this.start(event);
        return;
      case 'http.response.body':
        this.expectBodyPhase(event.type);
        // A final string stays one: a Fetch Response takes it as it is, and encoding it cost more than
        // counting its bytes (TextEncoder is slow for small strings on Node 20).
        return this.write(
          typeof event.body === 'string' && !event.more ? event.body : toBytes(event.body ?? EMPTY),
          !event.more,
        );
      case 'http.response.file':
        this.expect('file', event.type);
        this.expectBodyPhase(event.type);
        if (!this.hasBodyBytes) return this.write(EMPTY, !event.more);
        return this.writeFile(event).then(() => this.write(EMPTY, !event.more));
      case 'http.response.trailers':
        this.expect('trailers', event.type);
        if (!this.trailersAnnounced) {
          throw new TypeError(`${event.type} needs http.response.start with trailers: true`);
        }
        if (this.phase !== 'trailers') throw new TypeError(`${event.type} must follow the final body chunk`);
        this.trailerList.push(...checkHeaderList(event.headers, event.type));
        if (!event.more) this.finish();
        return;
      default:
        throw new TypeError(`unexpected event ${JSON.stringify(event.type)} for an http scope`);
    }
  }

  private async writeFile(range: FileRange): Promise<void> {
    try {
      for await (const chunk of readFileChunks(range)) await this.write(chunk, false);
    } catch (error) {
      // The spec treats an unreadable file as an error after the start: the response is cut.
      if (this.phase === 'body') this.options.onFileError(error);
      throw error;
    }
  }

  private start(event: HttpResponseStartEvent): void {
    if (this.phase !== 'head') throw new TypeError('http.response.start was already sent');
    const { status } = event;
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new TypeError(`http.response.start: status must be an integer from 200 to 599, not ${status}`);
    }
    const headers = checkHeaderList(event.headers ?? [], event.type);
    if (event.trailers) this.expect('trailers', 'http.response.start with trailers: true');
    // With trailers the body is chunked, as the Node bridge sends it: a Content-Length frames nothing.
    if (event.trailers !== true)
      this.declared = DeclaredLength.fromStart(headers, status, this.options.method);
    this.trailersAnnounced = event.trailers === true;
    this.begin(status);
    this.startedHead = { status, headers };
    this.headReady.resolve(this.startedHead);
  }

  private begin(status: number): void {
    this.phase = 'body';
    this.hasStarted = true;
    this.hasBodyBytes = this.options.method !== 'HEAD' && !NULL_BODY_STATUSES.has(status);
  }

  private expect(extension: keyof OfferedSendExtensions, what: string): void {
    if (!this.options.extensions[extension]) {
      throw new TypeError(`${what}: the ${extension} extension is not offered by this transport`);
    }
  }

  private expectBodyPhase(type: string): void {
    if (this.phase === 'head') throw new TypeError(`${type} before http.response.start`);
    if (this.phase !== 'body') throw new TypeError(`${type} after the final body chunk`);
  }

  /**
   * Hands one chunk to the consumer and resolves when it was read. The final chunk is queued and
   * resolves at once (the spec allows it): its bytes are already in memory, and an app that answers
   * in one piece then completes even if nobody reads the body (`undefined`: nothing to wait for).
   */
  private write(chunk: BodyChunk, last: boolean): Promise<void> | undefined {
    // A file is written chunk after chunk without the app in between: a response that failed meanwhile
    // (the client left while a chunk was read from disk) must stop it, or it waits for a reader forever.
    if (this.phase === 'failed') return Promise.reject(this.failure);
    if (this.declared !== null) {
      try {
        this.declared.countChunk(byteLengthOf(chunk), !last);
      } catch (error) {
        // Refused, not sent: the client would take the body's tail (or the next bytes) for another response.
        this.framingError = error as TypeError;
        this.options.onFramingError(this.framingError);
        return Promise.reject(error);
      }
    }
    this.noteFirstBody(last && !this.trailersAnnounced ? chunk : null);
    const carriesBytes = chunk.length > 0 && this.hasBodyBytes;
    if (carriesBytes && !last) {
      const taken = deferred<void>();
      this.offered = { chunk: toBytes(chunk), taken };
      this.wakeReader?.();
      return taken.promise;
    }
    if (carriesBytes && this.streamOpen) this.enqueue(chunk);
    if (last) {
      this.endBody();
      this.wakeReader?.(); // a read waiting for a chunk sees the end instead
    }
    return undefined;
  }

  private noteFirstBody(whole: BodyChunk | null): void {
    if (this.firstBodySeen) return;
    this.firstBodySeen = true;
    this.firstBodyWhole = whole;
    this.firstBody.resolve(whole);
  }

  private pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> | undefined {
    if (this.offered) return this.take(controller);
    if (!this.streamOpen) return;
    return new Promise<void>((resolve) => {
      this.wakeReader = () => {
        this.wakeReader = null;
        resolve();
      };
    }).then(() => this.take(controller));
  }

  private take(controller: ReadableStreamDefaultController<Uint8Array>): undefined {
    const offered = this.offered;
    if (!offered || !this.streamOpen) return;
    this.offered = null;
    controller.enqueue(offered.chunk);
    offered.taken.resolve();
  }

  /** Queues a chunk on the body stream, or for it while nobody asked for the stream yet. */
  private enqueue(chunk: BodyChunk): void {
    if (this.controller) this.controller.enqueue(toBytes(chunk));
    else {
      this.earlyChunks ??= [];
      this.earlyChunks.push(chunk);
    }
  }

  /** Closes or errors the body stream (or records how it ends, for a stream made later). */
  private endStream(end: { error: unknown } | 'closed'): void {
    this.streamOpen = false;
    if (!this.controller) this.earlyEnd = end;
    else if (end === 'closed') this.controller.close();
    else this.controller.error(end.error);
  }

  private endBody(): void {
    // With trailers announced the message ends with them: a body read to its end before they came would
    // look complete even if they never do (the Node bridge then cuts the response).
    if (this.trailersAnnounced) this.phase = 'trailers';
    else this.finish();
  }

  private finish(): void {
    if (this.streamOpen) {
      this.endStream('closed');
      this.wakeReader?.(); // a read waiting for more sees the end
    }
    this.phase = 'complete';
    this.trailersReady.resolve(this.trailerList);
    this.options.onComplete();
  }
}
