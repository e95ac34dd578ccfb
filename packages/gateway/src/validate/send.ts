import { DeclaredLength } from '../declared-length.js';
import type { Extensions, HttpResponseStartEvent, HttpSendEvent } from '../types.js';
import { checkExtensionEvent } from './extensions.js';
import { isObject } from './guards.js';
import { checkHeaderList, EVENT_HEADER_RULES } from './headers.js';
import { SentEvents } from './sent-events.js';
import type { Report } from './violations.js';

const HTTP_SEND_TYPES: ReadonlyArray<string> = [
  'http.response.start',
  'http.response.body',
  'http.response.file',
  'http.response.trailers',
  'http.response.early_hints',
] satisfies ReadonlyArray<HttpSendEvent['type']>;

/** Where a response stands, as the app has sent it. */
export type ResponsePhase = 'before-start' | 'started' | 'awaiting-trailers' | 'complete';

/** What the extension checks need to know of the response so far. */
export interface ResponseState {
  readonly phase: ResponsePhase;
  readonly trailersAnnounced: boolean;
}

/**
 * The app's side of one HTTP response: checks each event before the server sees it, and follows the
 * response from start to completion so ordering rules and the app's return can be judged.
 *
 * @example
 * ```ts
 * const response = new ResponseChecks(scope.extensions, report);
 * const completes = response.beforeSend(event); // throws the first rule the event breaks
 * await send(event);
 * if (completes) response.completeAccepted = true;
 * ```
 */
export class ResponseChecks implements ResponseState {
  phase: ResponsePhase = 'before-start';
  trailersAnnounced = false;
  /** The server accepted the event that completed the response (its `send` resolved). */
  completeAccepted = false;
  /** The app received an `http.disconnect` other than `response-complete`. */
  disconnectReceived = false;
  readonly #sent: SentEvents;
  /** The body the app's own content-length promised; `null` without one, or once a file makes it unknowable. */
  #declared: DeclaredLength | null = null;

  constructor(
    private readonly extensions: Extensions,
    private readonly report: Report,
    private readonly method = 'GET',
  ) {
    this.#sent = new SentEvents(report);
  }

  /** Throws the first rule `event` breaks; else records it and returns whether it completes the response. */
  beforeSend(event: unknown): boolean {
    // Once the client is gone nothing sent is read any more.
    if (!this.disconnectReceived) this.#sent.check();
    const completes = this.#checkEvent(event);
    this.#sent.remember(event as HttpSendEvent);
    return completes;
  }

  #checkEvent(event: unknown): boolean {
    const { report } = this;
    if (!isObject(event) || typeof event.type !== 'string' || !HTTP_SEND_TYPES.includes(event.type)) {
      throw report('event-type', 'send', isObject(event) ? event.type : event);
    }
    for (const key of ['more', 'trailers']) {
      if (event[key] !== undefined && typeof event[key] !== 'boolean') {
        throw report('boolean-flag', `${event.type} ${key}`, event[key]);
      }
    }
    if (this.disconnectReceived) throw report('nothing-after-disconnect', event.type, event);
    const typed = event as unknown as HttpSendEvent;
    checkExtensionEvent(typed, this.extensions, this, report);
    switch (typed.type) {
      case 'http.response.start':
        this.checkStart(typed);
        this.phase = 'started';
        this.trailersAnnounced = typed.trailers === true;
        return false;
      case 'http.response.body':
      case 'http.response.file':
        if (typed.type === 'http.response.body' && !isBody(typed.body)) {
          throw report('body-type', 'http.response.body', typed.body);
        }
        if (this.phase === 'before-start') throw report('start-before-body', typed.type, typed);
        if (this.phase !== 'started') throw report('nothing-after-end', typed.type, typed);
        this.#countDeclared(typed);
        if (typed.more !== true) this.phase = this.trailersAnnounced ? 'awaiting-trailers' : 'complete';
        return this.phase === 'complete';
      case 'http.response.trailers':
        if (typed.more !== true) this.phase = 'complete';
        return this.phase === 'complete';
      case 'http.response.early_hints':
        return false;
    }
  }

  /** Records `no-response` or `response-incomplete` for an app that resolved too early; the request being over excuses it. */
  checkReturn(requestOver: boolean): void {
    if (!requestOver && !this.disconnectReceived) this.#sent.check();
    if (requestOver || this.disconnectReceived || this.phase === 'complete') return;
    if (this.phase === 'before-start') {
      this.report('no-response', 'app', undefined, 'a resolved promise without http.response.start');
    } else {
      const open = this.phase === 'started' ? 'the body still open' : 'the announced trailers still due';
      this.report('response-incomplete', 'app', this.phase, `a resolved promise with ${open}`);
    }
  }

  private checkStart(event: HttpResponseStartEvent): void {
    const { report } = this;
    if (this.phase !== 'before-start') throw report('start-once', event.type, event);
    const { status } = event;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw report('status-range', event.type, status);
    }
    if (status < 200) throw report('status-final', event.type, status);
    if (event.headers !== undefined) {
      checkHeaderList(event.headers, `${event.type} headers`, EVENT_HEADER_RULES, report);
      // With trailers the body goes out chunked and a content-length frames nothing.
      if (event.trailers !== true) {
        try {
          this.#declared = DeclaredLength.fromStart(event.headers, status, this.method);
        } catch (error) {
          throw report(
            'content-length-match',
            `${event.type} headers`,
            event.headers,
            (error as Error).message,
          );
        }
      }
    }
  }

  /** Holds a body event to the app's own content-length; a file's length is not known without reading it. */
  #countDeclared(event: HttpSendEvent & { type: 'http.response.body' | 'http.response.file' }): void {
    const declared = this.#declared;
    if (declared === null) return;
    if (event.type === 'http.response.file') {
      this.#declared = null;
      return;
    }
    const body = event.body ?? '';
    const bytes = typeof body === 'string' ? utf8.encode(body).byteLength : body.byteLength;
    try {
      declared.countChunk(bytes, event.more === true);
    } catch (error) {
      throw this.report('content-length-match', event.type, event, (error as Error).message);
    }
  }
}

const utf8 = new TextEncoder();

function isBody(body: unknown): boolean {
  return body === undefined || typeof body === 'string' || body instanceof Uint8Array;
}
