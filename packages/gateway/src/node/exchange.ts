import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ClientDisconnectedError, isClientDisconnected } from '../errors.js';
import type { ScopeSignals } from '../scope-parts.js';
import type {
  DisconnectReason,
  HttpDisconnectEvent,
  HttpReceiveEvent,
  HttpRequestEvent,
  ReceiveEvent,
  SendEvent,
} from '../types.js';
import { FinishedResponse } from './answer-before-app.js';
import type { DeadlineKind } from './deadline-sweep.js';
import type { DrainParticipant, DrainTicket } from './drain.js';
import { enableHeartbeat, isDeadPeer } from './heartbeat.js';
import type { BridgeConfig } from './options.js';
import type { BodyHost } from './request-body.js';
import { RequestBody } from './request-body.js';
import type { DeadlineHost } from './request-deadlines.js';
import { RequestDeadlines, TIMEOUT_STATUS, timeoutReason } from './request-deadlines.js';
import type { RequestTarget } from './request-target.js';
import type { ResponseHost } from './response-writer.js';
import { ACCEPTED, ResponseWriter } from './response-writer.js';
import { NodeHttpScope } from './scope.js';
import { onSocketClose } from './socket-close.js';

const DISCONNECTS = Object.fromEntries(
  (['client-closed', 'write-timeout', 'heartbeat', 'server-closed', 'response-complete'] as const).map(
    (reason) => [reason, Object.freeze({ type: 'http.disconnect', reason })],
  ),
) as Record<DisconnectReason, HttpDisconnectEvent>;

/**
 * How much of a request body the app left unread Node may read and discard to keep the connection for
 * the next request; past it (a refused upload of gigabytes) the connection closes after the answer.
 */
const UNREAD_BODY_TO_DISCARD = 1024 * 1024;

/** One request from arrival to the app's return (see `handleNodeRequest`, which makes it). */
export class Exchange implements ScopeSignals, ResponseHost, DrainParticipant, BodyHost, DeadlineHost {
  readonly receive: () => Promise<ReceiveEvent>;
  readonly send: (event: SendEvent) => Promise<void>;
  readonly #config: BridgeConfig;
  readonly #req: IncomingMessage;
  readonly #res: ServerResponse;
  readonly #socket: Socket;
  readonly #target: RequestTarget;
  readonly #hasBody: boolean;
  /** The client waits for `100 Continue` before it sends the body: sent on the app's first `receive`. */
  #continueDue: boolean;
  /** Made by the first `receive`: most requests have no body, and most apps then never call it. */
  #body: RequestBody | null = null;
  readonly #writer: ResponseWriter;
  /** True while the app's call is on the stack (see `ResponseHost`). */
  appRunning = false;
  /** Why the request is over, once it is; `response-complete` is the happy ending. */
  #over: DisconnectReason | null = null;
  #waiters: Array<(event: HttpReceiveEvent) => void> | null = null;
  #watchingClose = false;
  #stopWatchingSocket: (() => void) | null = null;
  #clientAbort: AbortController | null = null;
  #drainAbort: AbortController | null = null;
  #drainNotice: 'none' | 'due' | 'delivered' = 'none';
  #deadline: number | null = null;
  #remoteAddress: string | undefined;
  #startedAt = 0;
  #drainTicket: DrainTicket | null = null;
  /** Made when a body or response timeout first watches this request (see RequestDeadlines). */
  #deadlines: RequestDeadlines | null = null;

  constructor(
    config: BridgeConfig,
    req: IncomingMessage,
    res: ServerResponse,
    target: RequestTarget,
    hasBody: boolean,
    continueDue: boolean,
  ) {
    this.#config = config;
    this.#req = req;
    this.#res = res;
    this.#socket = req.socket;
    this.#target = target;
    this.#hasBody = hasBody;
    this.#continueDue = continueDue;
    this.#writer = new ResponseWriter(config, req, res, this);
    this.receive = () => this.#receive();
    this.send = (event) => this.#writer.send(event);
    // Read now, for the response record: once the client is gone the socket no longer knows it.
    if (config.onResponse !== undefined) {
      this.#remoteAddress = req.socket.remoteAddress;
      this.#startedAt = performance.now();
    }
  }

  run(): void {
    const config = this.#config;
    if (config.heartbeat > 0) enableHeartbeat(this.#socket, config.heartbeat);
    const drain = config.drain;
    // Counted in flight (see below) at once only while draining: the request must get the notice, and
    // hold the drain until its bytes are out.
    if (drain?.draining === true) this.#drainTicket = drain.enter(this);
    const scope = new NodeHttpScope(this.#req, this.#target, config, this);
    let result: Promise<void> | undefined;
    this.appRunning = true;
    try {
      result = config.app(scope, this.receive, this.send);
    } catch (error) {
      this.appRunning = false;
      this.#appFailed(error);
      return;
    }
    this.appRunning = false;
    this.#writer.appCallReturned();
    // A fulfilled promise of the writer's: nothing to wait for (no closures, no reaction job).
    if (result === ACCEPTED) {
      this.#appReturned();
      return;
    }
    // Most requests are answered within the app's call and never join the drain's in-flight set; one
    // that outlives the call joins it now (and hears a drain that began meanwhile).
    if (drain !== undefined && this.#drainTicket === null) this.#drainTicket = drain.enter(this);
    if (config.responseTimeout > 0 && this.#over === null)
      this.#watched().watchResponse(config.responseTimeout);
    if (typeof result?.then === 'function') {
      result.then(
        () => this.#appReturned(),
        (error: unknown) => this.#appFailed(error),
      );
    } else {
      this.#appReturned();
    }
  }

  // -- ScopeSignals --------------------------------------------------------------------------------

  clientSignal(): AbortSignal {
    if (this.#clientAbort === null) {
      this.#clientAbort = new AbortController();
      const over = this.#over;
      if (over === null) this.watchClose();
      else if (over !== 'response-complete') this.#clientAbort.abort(new ClientDisconnectedError(over));
    }
    return this.#clientAbort.signal;
  }

  drainSignal(): AbortSignal {
    if (this.#drainAbort === null) {
      this.#drainAbort = new AbortController();
      if (this.#drainNotice !== 'none') this.#drainAbort.abort();
    }
    return this.#drainAbort.signal;
  }

  // -- ResponseHost --------------------------------------------------------------------------------

  assertOpen(): void {
    if (this.#over === null && this.#socket.destroyed) this.#noticeClose();
    const over = this.#over;
    if (over !== null && over !== 'response-complete') throw new ClientDisconnectedError(over);
  }

  watchClose(): void {
    if (this.#watchingClose || this.#over !== null) return;
    this.#watchingClose = true;
    const noticeClose = () => this.#noticeClose();
    this.#res.once('close', noticeClose);
    // A response queued behind another on a pipelined connection hears nothing itself (see onSocketClose).
    this.#stopWatchingSocket = onSocketClose(this.#socket, noticeClose);
    if (this.#socket.destroyed) this.#noticeClose();
  }

  /** Ends the request from the server's side (a write timeout, the drain deadline, a broken app). */
  cut(reason: DisconnectReason = 'server-closed'): void {
    if (this.#over !== null) return;
    this.#disconnect(reason);
    // Node corks the socket until the next tick after a write: hand what the app already sent to the
    // kernel first, so the client gets the partial response and then the cut, not an empty hang-up.
    const socket = this.#socket;
    while (socket.writableCorked > 0) socket.uncork();
    this.#res.destroy();
  }

  leavesBodyUnread(): boolean {
    if (!this.#hasBody || this.#body?.done === true) return false;
    const length = this.#req.headers['content-length'];
    // Chunked: no telling how much is left. Else Node reads and discards the rest before the next request.
    return length === undefined || Number(length) - (this.#body?.bytes ?? 0) > UNREAD_BODY_TO_DISCARD;
  }

  responseEnded(): void {
    this.#disconnect('response-complete');
    this.#body?.discard();
  }

  // -- DrainParticipant ----------------------------------------------------------------------------

  drainBegan(deadline: number | null): void {
    if (this.#drainNotice !== 'none') return;
    this.#drainNotice = 'due';
    this.#deadline = deadline;
    this.#drainAbort?.abort();
    const waiters = this.#waiters;
    // Only a receive already past the body may take the notice now; otherwise the next one after it does.
    if (waiters !== null && waiters.length > 0) waiters.shift()!(this.#takeDrainNotice());
  }

  // -- receive ---------------------------------------------------------------------------------------

  #receive(): Promise<HttpReceiveEvent> {
    if (this.#over !== null) return Promise.resolve(DISCONNECTS[this.#over]);
    if (this.#continueDue) this.#sendContinue();
    this.#body ??= new RequestBody(this.#req, this.#hasBody, this);
    if (!this.#body.done) {
      const ms = this.#config.bodyTimeout;
      return ms > 0 ? this.#watched().nextChunk(this.#body, ms) : this.#body.next();
    }
    if (this.#drainNotice === 'due') return Promise.resolve(this.#takeDrainNotice());
    return new Promise((resolve) => {
      this.#waiters ??= [];
      this.#waiters.push(resolve);
      this.watchClose();
    });
  }

  // -- DeadlineHost --------------------------------------------------------------------------------

  timedOut(kind: DeadlineKind): void {
    if (this.#over !== null) return;
    const status = this.#writer.started ? null : TIMEOUT_STATUS[kind];
    const { method, url } = this.#req;
    const reason = timeoutReason(kind, this.#config);
    this.#config.rejections.record(this.#socket.remoteAddress, status, reason, `${method} ${url}`);
    this.#refuse(status ?? 503);
    // Over for the server: a handler that never returns must not hold a drain until its deadline.
    if (this.#drainTicket !== null) this.#config.drain?.leave(this.#drainTicket);
  }

  #watched(): RequestDeadlines {
    this.#deadlines ??= new RequestDeadlines(this.#config.sweep!, this);
    return this.#deadlines;
  }

  /**
   * Asks the client for the body it holds back (uvicorn's rule: only once the app reads it). Not after
   * the final head went out: an interim response there would be read as part of the body. An app that
   * answers without reading never sends it, and Node then closes the connection after the answer.
   */
  #sendContinue(): void {
    this.#continueDue = false;
    if (this.#writer.status === null) this.#res.writeContinue();
  }

  // -- BodyHost --------------------------------------------------------------------------------------

  bodyEvent(event: HttpRequestEvent | null): HttpReceiveEvent {
    if (event === null) {
      this.#noticeClose();
      return DISCONNECTS[this.#over ?? 'client-closed'];
    }
    if (this.#body!.bytes > this.#config.maxBodySize) return this.#bodyTooLarge();
    return event;
  }

  #bodyTooLarge(): HttpReceiveEvent {
    const { method, url } = this.#req;
    this.#config.logger.warn(`request body over ${this.#config.maxBodySize} bytes: ${method} ${url}`);
    this.#refuse(413);
    return DISCONNECTS['server-closed'];
  }

  /** Ends the request from the server's side: `status` while nothing was sent, else a cut. */
  #refuse(status: number): void {
    if (this.#writer.started) {
      this.cut('server-closed');
    } else {
      this.#writer.answer(status, true);
      this.#disconnect('server-closed');
    }
    this.#body?.discard();
  }

  #takeDrainNotice(): HttpReceiveEvent {
    this.#drainNotice = 'delivered';
    return { type: 'http.drain', deadline: this.#deadline };
  }

  // -- the end of the request --------------------------------------------------------------------------

  #noticeClose(): void {
    if (this.#over !== null || !this.#socket.destroyed) return;
    this.#disconnect(isDeadPeer(this.#socket) ? 'heartbeat' : 'client-closed');
  }

  #disconnect(reason: DisconnectReason): void {
    if (this.#over !== null) return;
    this.#over = reason;
    this.#stopWatchingSocket?.();
    this.#deadlines?.clear();
    const event = DISCONNECTS[reason];
    const waiters = this.#waiters;
    this.#waiters = null;
    if (waiters !== null) for (const wake of waiters) wake(event);
    this.#body?.interrupt();
    // Made only for someone to get it: when a client resets a connection with many requests in flight,
    // an error (and its stack) per request was ~0.3 us of every POST in the bench's profiles.
    if (reason !== 'response-complete' && (this.#writer.waiting || this.#clientAbort !== null)) {
      const error = new ClientDisconnectedError(reason);
      this.#writer.abort(error);
      this.#clientAbort?.abort(error);
    }
    const onResponse = this.#config.onResponse;
    if (onResponse !== undefined) {
      const writer = this.#writer;
      onResponse(
        new FinishedResponse(
          this.#req,
          this.#remoteAddress,
          writer.status,
          writer.bytes,
          writer.ended,
          this.#startedAt,
          writer.headers,
        ),
      );
    }
  }

  #appReturned(): void {
    if (this.#over === null) this.#noticeClose();
    if (this.#over === null) {
      const { method, url } = this.#req;
      this.#config.logger.error(`app returned without completing its response to ${method} ${url}`);
      this.#failResponse();
    }
    this.#leaveDrain();
  }

  #appFailed(error: unknown): void {
    if (this.#over === null) this.#noticeClose();
    const over = this.#over;
    const { method, url } = this.#req;
    if (over !== null && over !== 'response-complete' && isClientDisconnected(error)) {
      this.#config.logger.debug(`app stopped after the client went away (${over}): ${method} ${url}`);
    } else {
      this.#config.logger.error(`app failed on ${method} ${url}`, error);
      if (over === null) this.#failResponse();
    }
    this.#leaveDrain();
  }

  /** The spec's answer to a broken app: 500 while nothing was started, else cut the connection. */
  #failResponse(): void {
    if (this.#writer.started) {
      this.cut('server-closed');
      return;
    }
    this.#writer.answer(500, false);
    this.responseEnded();
  }

  #leaveDrain(): void {
    const drain = this.#config.drain;
    if (drain === undefined) return;
    const res = this.#res;
    const ticket = this.#drainTicket;
    if (ticket === null) return;
    if (!drain.draining || res.writableFinished || res.destroyed) {
      drain.leave(ticket);
      return;
    }
    // While draining the server closes connections as requests leave: wait until the bytes are out.
    const leave = () => drain.leave(ticket);
    res.once('finish', leave);
    res.once('close', leave);
  }
}
