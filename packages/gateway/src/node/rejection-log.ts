import type { Logger } from '../logger.js';

/** How many rejections a {@link RejectionLog} writes per window before it only counts them. */
export interface RejectionLogLimits {
  /** Lines written per window; 20 by default. */
  readonly burst: number;
  /** The window in milliseconds; 10 000 by default. */
  readonly windowMs: number;
}

const DEFAULT_LIMITS: RejectionLogLimits = Object.freeze({ burst: 20, windowMs: 10_000 });
const LONGEST_TARGET = 120;

/**
 * Writes one `WARN` line per request the server refused on its own (a malformed head, a timeout, a
 * limit), with the peer's address and the reason, so an operator sees an attack. Rate-limited: past
 * `burst` lines in a window, rejections are only counted, and one line says how many went unlogged,
 * so a flood cannot fill the disk.
 *
 * @example
 * ```ts
 * const rejections = new RejectionLog(logger);
 * rejections.record('203.0.113.9', 431, 'more than 100 header fields', 'GET /');
 * // [flagon] WARN rejected 431 from 203.0.113.9: more than 100 header fields (GET /)
 * ```
 */
export class RejectionLog {
  readonly #logger: Logger;
  readonly #limits: RejectionLogLimits;
  #windowStart = 0;
  #written = 0;
  #unlogged = 0;
  #summary: ReturnType<typeof setTimeout> | null = null;

  constructor(logger: Logger, limits: RejectionLogLimits = DEFAULT_LIMITS) {
    this.#logger = logger;
    this.#limits = limits;
  }

  /**
   * Records one rejection. `status` is what the client got (`null`: the connection was closed without
   * an answer); `request` is e.g. `GET /path` when the head was read, shortened and made printable.
   */
  record(peer: string | undefined, status: number | null, reason: string, request?: string): void {
    const now = Date.now();
    if (now - this.#windowStart >= this.#limits.windowMs) this.#newWindow(now);
    if (this.#written >= this.#limits.burst) {
      this.#unlogged++;
      // One timer per flooded window, not per rejection; unref'd so it never holds the process open.
      this.#summary ??= setTimeout(() => this.#newWindow(Date.now()), this.#limits.windowMs).unref();
      return;
    }
    this.#written++;
    const answered = status === null ? 'closed' : `rejected ${status}`;
    const what = request === undefined ? '' : ` (${printable(request)})`;
    this.#logger.warn(`${answered} from ${peer ?? 'unknown peer'}: ${reason}${what}`);
  }

  #newWindow(now: number): void {
    if (this.#summary !== null) clearTimeout(this.#summary);
    this.#summary = null;
    if (this.#unlogged > 0) {
      this.#logger.warn(
        `${this.#unlogged} more rejection(s) not logged in ${this.#limits.windowMs / 1000} s (rate limit)`,
      );
    }
    this.#windowStart = now;
    this.#written = 0;
    this.#unlogged = 0;
  }
}

const shared = new WeakMap<Logger, RejectionLog>();

/**
 * The one rejection log of `logger`: the bridge and the server's parser-error handler share it, so
 * the rate limit holds for both together.
 *
 * @example
 * ```ts
 * rejectionLogFor(logger).record(socket.remoteAddress, 400, 'malformed request head');
 * ```
 */
export function rejectionLogFor(logger: Logger): RejectionLog {
  let log = shared.get(logger);
  if (log === undefined) {
    log = new RejectionLog(logger);
    shared.set(logger, log);
  }
  return log;
}

// A request target is the client's text: never let it forge a log line or flood one.
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > LONGEST_TARGET ? `${clean.slice(0, LONGEST_TARGET)}...` : clean;
}
