import type { HttpSendEvent } from '../types.js';
import { describeValue } from './describe-value.js';
import type { Report } from './violations.js';

/** A part of a sent event as it was when sent, and how to read it now. */
interface Held {
  readonly where: string;
  readonly now: () => unknown;
  readonly same: (now: unknown) => boolean;
  /** Kept until the response is complete (a start, trailers); a chunk's bytes only until the next check. */
  readonly lasting: boolean;
}

/**
 * What an app sent that a server may still read: the start's status and headers (the Node bridge writes
 * them with the first body event), trailers, a chunk's bytes (Node may queue a `Uint8Array` uncopied).
 * Each check compares them with what they hold now, so an app that reuses a header list or a buffer
 * after `send` is told ([A-EVENT-OWNED]) instead of sending bytes it did not mean.
 *
 * @example
 * ```ts
 * const sent = new SentEvents(report);
 * sent.remember(event); // after the event passed its checks
 * sent.check(); // before the next send, and when the app returns: throws `event-changed`
 * ```
 */
export class SentEvents {
  #held: Held[] = [];

  constructor(private readonly report: Report) {}

  /** Remembers the parts of `event` a server may read after `send` resolved. */
  remember(event: HttpSendEvent): void {
    if (event.type === 'http.response.start') {
      const { status, headers } = event;
      this.#hold(
        `${event.type} status`,
        () => event.status,
        (now) => now === status,
        true,
      );
      if (headers !== undefined) this.#holdHeaders(`${event.type} headers`, () => event.headers);
    } else if (event.type === 'http.response.trailers') {
      this.#holdHeaders(`${event.type} headers`, () => event.headers);
    } else if (event.type === 'http.response.body' && event.body instanceof Uint8Array) {
      const bytes = event.body;
      const copy = bytes.slice();
      this.#hold(
        `${event.type} body`,
        () => event.body,
        (now) => now === bytes && sameBytes(bytes, copy),
        false,
      );
    }
  }

  /** Throws `event-changed` for the first remembered part that changed; then forgets the chunks. */
  check(): void {
    const held = this.#held;
    for (const part of held) {
      const now = part.now();
      if (!part.same(now)) {
        const got = now instanceof Uint8Array ? `${describeValue(now)}, changed after send` : undefined;
        throw this.report('event-changed', part.where, now, got);
      }
    }
    this.#held = held.filter((part) => part.lasting);
  }

  #holdHeaders(where: string, now: () => unknown): void {
    const was = JSON.stringify(now());
    this.#hold(where, now, (value) => JSON.stringify(value) === was, true);
  }

  #hold(where: string, now: () => unknown, same: (now: unknown) => boolean, lasting: boolean): void {
    this.#held.push({ where, now, same, lasting });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
