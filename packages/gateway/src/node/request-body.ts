import type { IncomingMessage } from 'node:http';
import type { HttpReceiveEvent, HttpRequestEvent } from '../types.js';

/** What the body hands each chunk to before `receive` resolves with it (the exchange's checks). */
export interface BodyHost {
  /** The event `receive` gives for `event`: itself, or a disconnect (`null`: the request is over; too large). */
  bodyEvent(event: HttpRequestEvent | null): HttpReceiveEvent;
}

/** The one event a bodiless request gets; shared, since an empty, final chunk carries nothing mutable. */
export const FINAL_EMPTY_CHUNK: HttpRequestEvent = Object.freeze({
  type: 'http.request',
  body: new Uint8Array(0),
  more: false,
});

/**
 * Bytes taken from Node and not yet asked for past which the stream is paused: one socket read's worth.
 * Node then buffers its own 16 KiB and stops reading the socket, so a slow app holds back the client.
 */
const QUEUE_LIMIT = 64 * 1024;
/**
 * Small pieces the queue holds before joining them into one: a chunked body in 1-byte chunks makes a
 * `Buffer` per byte (~190 bytes of heap with its queue slot), ~12 MB for 64 Ki of them per waiting
 * request. Joining copies each byte once; pausing here instead sent every piece twice through Node's
 * stream (+20 % CPU).
 */
const QUEUE_PIECES = 1024;

/** What a waiting body listens to the stream with, and its delivery after a socket read. */
interface BodyListeners {
  readonly data: (chunk: Buffer) => void;
  readonly end: () => void;
  readonly close: () => void;
  readonly deliver: () => void;
}

/** One chunk of the body as `receive` gives it: a class, as every per-request object (see `RequestTarget`). */
class BodyChunk implements HttpRequestEvent {
  readonly type = 'http.request' as const;
  constructor(
    readonly body: Uint8Array,
    readonly more: boolean,
  ) {}
}

/**
 * The request body, taken from Node's `'data'` events and handed out one `receive()` at a time, each
 * event carrying everything that arrived since the last: a body sent in 1-byte chunked pieces costs
 * an array push per piece, not a promise and an event (Node's parser hands every piece over on its
 * own, with the microtask queue drained in between). A waiting `receive` of a `Content-Length` body is
 * answered at each piece (Node's parser makes one per socket read) and at `'end'` for the piece completing
 * the length, which is the final event (so a POST in one packet is one event); of a chunked body once
 * the socket read in progress is parsed (`setImmediate`). Past {@link QUEUE_LIMIT} unasked bytes the stream is paused.
 *
 * Each event goes through the host's {@link BodyHost.bodyEvent} before the promise resolves, so the
 * app's `receive` is this promise itself, one microtask hop after the chunk, not an async frame more.
 *
 * @example
 * ```ts
 * const body = new RequestBody(req, true, exchange);
 * const event = await body.next(); // { type: 'http.request', body, more }, or what the host made of it
 * ```
 */
export class RequestBody {
  /** Bytes delivered so far. */
  bytes = 0;
  /** True once the final chunk (`more: false`) was delivered. */
  done = false;
  /** False for a request without a body (no Content-Length, or 0, and not chunked). */
  readonly hasBody: boolean;
  readonly #req: IncomingMessage;
  readonly #host: BodyHost;
  /** The declared `Content-Length`, or -1 for a chunked body (which ends with the stream's `'end'`). */
  readonly #declared: number;
  #reading = false;
  /** Chunks taken from Node and not yet delivered, and their size. */
  #queue: Buffer[] = [];
  #queued = 0;
  /** How many of the queue's first entries are pieces joined already (see {@link QUEUE_PIECES}). */
  #joined = 0;
  /** All bytes taken from Node, delivered or queued. */
  #received = 0;
  #ended = false;
  #deliveryDue = false;
  #wake: ((event: HttpReceiveEvent) => void) | null = null;
  /** The stream's listeners, made on the first wait only: a body already buffered never waits. */
  #listeners: BodyListeners | null = null;

  constructor(req: IncomingMessage, hasBody: boolean, host: BodyHost) {
    this.#req = req;
    this.hasBody = hasBody;
    this.#host = host;
    const length = req.headers['content-length'];
    this.#declared =
      req.headers['transfer-encoding'] === undefined && length !== undefined ? Number(length) : -1;
  }

  /**
   * Everything that arrived since the last call, through the host. The host gets `null` when
   * {@link RequestBody.interrupt} woke the wait (the request is over) or the stream was destroyed.
   */
  next(): Promise<HttpReceiveEvent> {
    if (this.done || !this.hasBody) return Promise.resolve(this.finish());
    if (!this.#reading) this.#start();
    if (this.#queued > 0 || this.#ended) return Promise.resolve(this.#host.bodyEvent(this.#takeQueue()));
    if (this.#req.destroyed) return Promise.resolve(this.#host.bodyEvent(null));
    if (this.#req.isPaused()) this.#req.resume();
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  /** Marks the body as delivered and returns its closing event (all a bodiless request gets). */
  finish(): HttpRequestEvent {
    this.done = true;
    return FINAL_EMPTY_CHUNK;
  }

  /** Ends a pending `next()` with `null` (the request is over). */
  interrupt(): void {
    this.#unlisten();
    this.#settle(null);
  }

  /**
   * Lets the unread rest of the body flow away, so a keep-alive connection can carry the next request
   * after a response that did not read it all.
   */
  discard(): void {
    // Untouched, Node dumps the body itself; once read from, the stream is ours to empty.
    if (!this.#reading || this.done) return;
    this.#unlisten();
    this.#queue = [];
    this.#queued = 0;
    this.#joined = 0;
    this.#req.resume();
  }

  /** Takes what Node buffered before the first `receive`, then every chunk as it comes. */
  #start(): void {
    this.#reading = true;
    const req = this.#req;
    const buffered = req.read() as Buffer | null;
    if (buffered !== null) this.#push(buffered);
    if (req.complete && req.readableLength === 0) this.#ended = true;
    if (this.#ended || req.destroyed) return;
    const listeners: BodyListeners = {
      data: (chunk) => this.#take(chunk),
      end: () => this.#end(),
      close: () => this.#closed(),
      deliver: () => this.#delayedDelivery(),
    };
    this.#listeners = listeners;
    // A 'data' listener puts the stream in flowing mode: each chunk comes straight from the parser.
    req.on('data', listeners.data);
    req.on('end', listeners.end);
    // A client gone mid-body destroys the request: that wakes the wait, with no watch on the response.
    req.on('close', listeners.close);
  }

  #push(chunk: Buffer): void {
    const queue = this.#queue;
    if (queue.length - this.#joined >= QUEUE_PIECES) {
      // Only the pieces since the last join: each byte is copied once.
      const pieces = queue.splice(this.#joined);
      queue.push(Buffer.concat(pieces));
      this.#joined = queue.length;
    }
    queue.push(chunk);
    this.#queued += chunk.byteLength;
    this.#received += chunk.byteLength;
    if (this.#received === this.#declared) this.#ended = true;
  }

  #take(chunk: Buffer): void {
    this.#push(chunk);
    // The last piece of a Content-Length body goes out at 'end' (Node's message complete, in the same
    // socket read): delivered here, the app answered inside the parser's body callback, before the next
    // pipelined request was parsed, and Node armed and disarmed the keep-alive timer per request (~3 us).
    if (this.#ended) return;
    if (this.#queued >= QUEUE_LIMIT) this.#req.pause();
    if (this.#wake === null) return;
    // A Content-Length body comes as one piece per socket read: hand it over now.
    if (this.#declared >= 0) this.#settle(this.#takeQueue());
    else if (!this.#deliveryDue) {
      // A chunked one comes chunk by chunk, each in a callback of its own: wait for the read's last.
      this.#deliveryDue = true;
      setImmediate(this.#listeners!.deliver);
    }
  }

  #delayedDelivery(): void {
    this.#deliveryDue = false;
    if (this.#wake !== null && (this.#queued > 0 || this.#ended)) this.#settle(this.#takeQueue());
  }

  #end(): void {
    this.#ended = true;
    this.#unlisten();
    if (this.#wake !== null) this.#settle(this.#takeQueue());
  }

  #closed(): void {
    this.#unlisten();
    // What arrived before the client left is still the client's (the whole body, when its last piece
    // came before 'end' could); the disconnect comes after it.
    if (this.#wake !== null) this.#settle(this.#queued > 0 || this.#ended ? this.#takeQueue() : null);
  }

  /** The queued bytes as one event, the last one once the stream ended and nothing is left. */
  #takeQueue(): HttpRequestEvent {
    const queue = this.#queue;
    const body = queue.length === 1 ? queue[0]! : Buffer.concat(queue, this.#queued);
    this.bytes += this.#queued;
    this.#queue = [];
    this.#queued = 0;
    this.#joined = 0;
    if (this.#ended) {
      this.done = true;
      if (body.byteLength === 0) return FINAL_EMPTY_CHUNK;
    }
    return new BodyChunk(body, !this.#ended);
  }

  // Listeners left on a finished request kept it alive past young-generation GCs: with a larger heap,
  // every scavenge promoted ~5 % of what was allocated (whole requests) and POST throughput fell 20-25 %.
  // Measured with --trace-gc-nvp: ~700 KB promoted per scavenge with them, ~20 KB once they go.
  #unlisten(): void {
    const listeners = this.#listeners;
    if (listeners === null) return;
    this.#listeners = null;
    const req = this.#req;
    req.off('data', listeners.data);
    req.off('end', listeners.end);
    req.off('close', listeners.close);
  }

  #settle(event: HttpRequestEvent | null): void {
    const wake = this.#wake;
    if (wake === null) return;
    this.#wake = null;
    wake(this.#host.bodyEvent(event));
  }
}
