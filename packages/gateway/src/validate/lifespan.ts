import type { LifespanSendEvent } from '../types.js';
import { isObject } from './guards.js';
import type { Report } from './violations.js';

const LIFESPAN_SEND_TYPES: ReadonlyArray<unknown> = [
  'lifespan.startup.complete',
  'lifespan.startup.failed',
  'lifespan.shutdown.complete',
  'lifespan.shutdown.failed',
] satisfies ReadonlyArray<LifespanSendEvent['type']>;

/** Where a lifespan stands: waiting for startup, starting, running, stopping, stopped, or failed. */
type LifespanPhase = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

const WHEN: Record<LifespanPhase, string> = {
  idle: 'before lifespan.startup was received',
  starting: 'during startup',
  running: 'after startup completed',
  stopping: 'during shutdown',
  stopped: 'after shutdown completed',
  failed: 'after a failure',
};

/**
 * Both sides of one lifespan scope: the server says `lifespan.startup` first and `lifespan.shutdown` only
 * once startup completed; the app answers each once, only after receiving it, and says nothing after a
 * failure.
 *
 * @example
 * ```ts
 * const lifespan = new LifespanChecks(report);
 * lifespan.checkReceived(await receive()); // the server's side
 * lifespan.beforeSend(event);              // the app's side, before the server sees it
 * ```
 */
export class LifespanChecks {
  #phase: LifespanPhase = 'idle';

  constructor(private readonly report: Report) {}

  /** Throws if the server's `receive` resolved with anything but the event the protocol expects now. */
  checkReceived(event: unknown): void {
    const expected =
      this.#phase === 'idle'
        ? 'lifespan.startup'
        : this.#phase === 'running'
          ? 'lifespan.shutdown'
          : undefined;
    if (expected === undefined || !isObject(event) || event.type !== expected) {
      const got = `${describeEvent(event)} ${WHEN[this.#phase]}`;
      throw this.report('lifespan-receive-order', 'receive', event, got);
    }
    this.#phase = this.#phase === 'idle' ? 'starting' : 'stopping';
  }

  /** Throws the first rule `event` breaks; else moves the lifespan on. */
  beforeSend(event: unknown): void {
    const { report } = this;
    if (!isObject(event) || !LIFESPAN_SEND_TYPES.includes(event.type)) {
      throw report('event-type', 'send', isObject(event) ? event.type : event);
    }
    const type = event.type as LifespanSendEvent['type'];
    if (this.#phase === 'failed') throw report('lifespan-after-failed', type, event);
    const startup = type.startsWith('lifespan.startup.');
    if (startup && this.#phase !== 'starting') {
      throw report('lifespan-startup-order', type, event, `${type} ${WHEN[this.#phase]}`);
    }
    if (!startup && this.#phase !== 'stopping') {
      throw report('lifespan-shutdown-order', type, event, `${type} ${WHEN[this.#phase]}`);
    }
    if (type.endsWith('.failed') && typeof event.message !== 'string') {
      throw report('lifespan-failed-message', type, event.message);
    }
    this.#phase = type.endsWith('.failed') ? 'failed' : startup ? 'running' : 'stopped';
  }
}

function describeEvent(event: unknown): string {
  return isObject(event) && typeof event.type === 'string' ? event.type : String(event);
}
