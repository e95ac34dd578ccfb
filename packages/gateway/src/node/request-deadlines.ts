import type { HttpReceiveEvent } from '../types.js';
import type { Deadline, DeadlineKind, DeadlineOwner, DeadlineSweep } from './deadline-sweep.js';
import type { Link } from './linked-set.js';
import type { RequestBody } from './request-body.js';

/** What the client gets when a deadline passes before the response started: 408 for the body, 503. */
export const TIMEOUT_STATUS: Readonly<Record<DeadlineKind, number>> = Object.freeze({
  body: 408,
  response: 503,
});

/**
 * The rejection log's reason for a passed deadline.
 *
 * @example
 * ```ts
 * timeoutReason('body', { bodyTimeout: 30_000, responseTimeout: 0 }); // 'no request body bytes for 30000 ms'
 * ```
 */
export function timeoutReason(
  kind: DeadlineKind,
  limits: { readonly bodyTimeout: number; readonly responseTimeout: number },
): string {
  return kind === 'body'
    ? `no request body bytes for ${limits.bodyTimeout} ms`
    : `no complete response after ${limits.responseTimeout} ms`;
}

/** What a request does when one of its deadlines passed (the exchange answers 408/503 or cuts). */
export interface DeadlineHost {
  timedOut(kind: DeadlineKind): void;
}

/**
 * One request's `bodyTimeout` and `responseTimeout` on the handler's {@link DeadlineSweep}. Made only
 * for a request that outlives the app's call or waits for its body, so the common request, answered
 * within the call, pays nothing.
 *
 * @example
 * ```ts
 * const deadlines = new RequestDeadlines(config.sweep, exchange);
 * deadlines.watchResponse(30_000);
 * deadlines.clear(); // the response completed
 * ```
 */
export class RequestDeadlines implements DeadlineOwner {
  readonly #sweep: DeadlineSweep;
  readonly #host: DeadlineHost;
  #response: Link<Deadline> | null = null;
  #body: Link<Deadline> | null = null;

  constructor(sweep: DeadlineSweep, host: DeadlineHost) {
    this.#sweep = sweep;
    this.#host = host;
  }

  watchResponse(ms: number): void {
    this.#response ??= this.#sweep.watch(this, 'response', ms);
  }

  /**
   * The next chunk of `body`, watched for `ms` while the client owes it: only when it was not there
   * already (a buffered chunk, or the end, resolves at once and is not watched).
   */
  nextChunk(body: RequestBody, ms: number): Promise<HttpReceiveEvent> {
    const before = body.bytes;
    const next = body.next();
    if (body.bytes !== before || body.done) return next;
    const sweep = this.#sweep;
    const watch = sweep.watch(this, 'body', ms);
    this.#body = watch;
    void next.then(() => sweep.unwatch(watch));
    return next;
  }

  /** Stops watching both deadlines: the request is over. */
  clear(): void {
    if (this.#response !== null) this.#sweep.unwatch(this.#response);
    if (this.#body !== null) this.#sweep.unwatch(this.#body);
    this.#response = null;
    this.#body = null;
  }

  deadlinePassed(kind: DeadlineKind): void {
    this.clear();
    this.#host.timedOut(kind);
  }
}
