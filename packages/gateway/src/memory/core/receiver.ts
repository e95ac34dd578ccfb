import type { DisconnectReason, HttpDisconnectEvent, HttpDrainEvent, HttpReceiveEvent } from '../../types.js';
import type { BodyPull, BodySource } from './body-source.js';
import { LazyDeferred } from './deferred.js';

const SETTLED: Promise<unknown> = Promise.resolve();

/**
 * The `receive` side of one request: body chunks pulled on demand, then a drain notice or the end.
 * It keeps the spec's ordering rules in one place: no drain notice before the final chunk, at most one,
 * and once the request is over every call resolves with the same `http.disconnect` at once.
 */
export class RequestReceiver {
  private bodyDone = false;
  private ending: HttpDisconnectEvent | null = null;
  private readonly ended = new LazyDeferred<HttpDisconnectEvent>();
  private drainNotice: HttpDrainEvent | null = null;
  private drainDelivered = false;
  private readonly drainNoticed = new LazyDeferred<void>();
  // Calls are answered in order even if an app does not await one before the next (one settled
  // promise starts every queue: most requests never call receive).
  private queue: Promise<unknown> = SETTLED;

  /**
   * @param body where request body chunks come from.
   * @param onSourceError called when the body source fails, which means the client is gone.
   */
  constructor(
    private readonly body: BodySource,
    private readonly onSourceError: (error: unknown) => void,
  ) {}

  /** The app's `receive`. */
  readonly receive = (): Promise<HttpReceiveEvent> => {
    const next = this.queue.then(() => this.next());
    this.queue = next.catch(() => {});
    return next;
  };

  /** Queues the drain notice; it is delivered after the final body chunk, unless the request ends first. */
  notifyDrain(deadline: number | null): void {
    if (this.drainNotice) return;
    this.drainNotice = { type: 'http.drain', deadline };
    this.drainNoticed.resolve();
  }

  /** Ends the request: from now on every `receive` resolves with `http.disconnect` and this reason. */
  end(reason: DisconnectReason): void {
    if (this.ending) return;
    this.ending = { type: 'http.disconnect', reason };
    this.ended.resolve(this.ending);
    if (!this.bodyDone) this.body.cancel();
  }

  private async next(): Promise<HttpReceiveEvent> {
    if (this.ending) return this.ending;
    if (!this.bodyDone) {
      const pulled = await Promise.race([this.pullBody(), this.ended.promise.then(() => null)]);
      if (this.ending) return this.ending;
      if (!pulled) return this.ended.promise;
      if (pulled.last) this.bodyDone = true;
      return { type: 'http.request', body: pulled.chunk, more: !pulled.last };
    }
    if (this.drainNotice && !this.drainDelivered) {
      this.drainDelivered = true;
      return this.drainNotice;
    }
    if (this.drainDelivered) return this.ended.promise;
    await Promise.race([this.drainNoticed.promise, this.ended.promise]);
    return this.next();
  }

  private pullBody(): Promise<BodyPull | null> {
    return this.body.next().catch((error: unknown) => {
      this.onSourceError(error);
      return null;
    });
  }
}
