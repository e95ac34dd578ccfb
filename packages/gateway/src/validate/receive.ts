import { isClientDisconnected } from '../errors.js';
import type { DisconnectReason, HttpScope, Receive, ReceiveEvent } from '../types.js';
import { describeValue } from './describe-value.js';
import { isObject } from './guards.js';
import type { ResponseChecks } from './send.js';
import type { Report } from './violations.js';

const HTTP_RECEIVE_TYPES: ReadonlyArray<unknown> = ['http.request', 'http.drain', 'http.disconnect'];
const DISCONNECT_REASONS: ReadonlyArray<unknown> = [
  'client-closed',
  'write-timeout',
  'heartbeat',
  'server-closed',
  'response-complete',
] satisfies ReadonlyArray<DisconnectReason>;

/**
 * Wraps a server's `receive` so the app may not call it twice at once, and hands each event it resolves
 * with to a check chosen at call time (`inspect` runs when the app calls, so it can note what was true then).
 *
 * @example
 * ```ts
 * const checked = guardReceive(receive, report, () => (event) => lifespan.checkReceived(event));
 * ```
 */
export function guardReceive(
  receive: Receive,
  report: Report,
  inspect: () => (event: unknown) => void,
): Receive {
  let pending = false;
  return async () => {
    if (pending) {
      throw report('receive-concurrent', 'receive', undefined, 'a call while an earlier one is pending');
    }
    pending = true;
    try {
      const check = inspect();
      const event: unknown = await receive();
      check(event);
      return event as ReceiveEvent;
    } finally {
      pending = false;
    }
  };
}

/**
 * The server's side of one request's `receive`: the body arrives in order and ends once, a drain notice
 * comes at most once and after the body, a disconnect sticks and matches `scope.signal`, and a call made
 * after the response completed sees the `response-complete` disconnect.
 *
 * @example
 * ```ts
 * const receiveChecks = new HttpReceiveChecks(scope, response, report);
 * receiveChecks.check(await receive(), false); // throws the first rule the event breaks
 * ```
 */
export class HttpReceiveChecks {
  #bodyDone = false;
  #drained = false;
  #disconnected = false;

  constructor(
    private readonly scope: HttpScope,
    private readonly response: ResponseChecks,
    private readonly report: Report,
  ) {}

  /** Throws the first rule `event` breaks; `afterComplete`: the app called after its response completed. */
  check(event: unknown, afterComplete: boolean): void {
    const { report, scope } = this;
    if (!isObject(event) || !HTTP_RECEIVE_TYPES.includes(event.type)) {
      throw report('receive-event', 'receive', event);
    }
    if (this.#disconnected && event.type !== 'http.disconnect') {
      throw report('disconnect-sticky', 'receive', event);
    }
    if (afterComplete && (event.type !== 'http.disconnect' || event.reason !== 'response-complete')) {
      throw report('receive-after-response', 'receive', event);
    }
    switch (event.type) {
      case 'http.request':
        if (this.#bodyDone) throw report('request-after-final', 'receive', event);
        if (!(event.body instanceof Uint8Array)) {
          throw report('request-body-type', 'http.request', event.body);
        }
        if (typeof event.more !== 'boolean') throw report('request-more-type', 'http.request', event.more);
        this.#bodyDone = !event.more;
        return;
      case 'http.drain':
        if (event.deadline !== null && !Number.isFinite(event.deadline)) {
          throw report('drain-deadline', 'http.drain', event.deadline);
        }
        if (!this.#bodyDone) throw report('drain-after-body', 'receive', event);
        if (this.#drained) throw report('drain-once', 'receive', event);
        if (!scope.drain.aborted) throw report('drain-signal', 'http.drain', scope.drain);
        this.#drained = true;
        return;
      default:
        if (!DISCONNECT_REASONS.includes(event.reason)) {
          throw report('disconnect-reason', 'http.disconnect', event.reason);
        }
        this.#disconnected = true;
        if (event.reason === 'response-complete') {
          if (scope.signal.aborted) throw report('complete-signal', 'scope.signal', scope.signal.reason);
          return;
        }
        this.response.disconnectReceived = true;
        if (!scope.signal.aborted || !isClientDisconnected(scope.signal.reason)) {
          const got = scope.signal.aborted
            ? `a signal aborted with ${describeValue(scope.signal.reason)}`
            : 'a signal not aborted';
          throw report('disconnect-signal', `http.disconnect (${String(event.reason)})`, scope.signal, got);
        }
    }
  }
}
