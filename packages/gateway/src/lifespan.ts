import { LifespanShutdownError, LifespanStartupError } from './errors.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';
import type { App, LifespanReceiveEvent, LifespanScope, ReceiveEvent, SendEvent } from './types.js';
import { SPEC_VERSION } from './types.js';

/** A running lifespan: the shared state, and the way to end it. */
export interface Lifespan {
  /** The state the app filled during startup; servers copy it into every request's `scope.state`. */
  readonly state: Record<string, unknown>;
  /** False when the app does not take part in the lifespan protocol (it returned or threw at once). */
  readonly supported: boolean;
  /** Sends `lifespan.shutdown` and waits for the app's answer; rejects with {@link LifespanShutdownError}. */
  shutdown(): Promise<void>;
}

/**
 * Runs the lifespan protocol's startup half and resolves once the app reported `lifespan.startup.complete`
 * (or showed it does not support lifespan). Rejects with {@link LifespanStartupError} carrying the app's
 * message when startup failed. Servers and the in-memory transport share it, so all of them treat an
 * app's lifespan alike.
 *
 * @example
 * ```ts
 * const lifespan = await startLifespan(app, { logger });
 * // ... serve requests with { ...lifespan.state } as each scope.state ...
 * await lifespan.shutdown();
 * ```
 */
export async function startLifespan(
  app: App,
  options: { state?: Record<string, unknown>; logger?: Logger } = {},
): Promise<Lifespan> {
  const logger = options.logger ?? silentLogger;
  const state = options.state ?? {};
  const scope: LifespanScope = { type: 'lifespan', gateway: { version: SPEC_VERSION }, state };

  let phase: 'startup' | 'running' | 'shutdown' | 'done' = 'startup';
  let startupSent = false;
  let releaseShutdown!: () => void;
  const shutdownAsked = new Promise<void>((resolve) => {
    releaseShutdown = resolve;
  });
  let settle!: (outcome: { ok: true } | { ok: false; message: string } | { unsupported: unknown }) => void;
  let outcome = new Promise<Parameters<typeof settle>[0]>((resolve) => {
    settle = resolve;
  });

  const receive = async (): Promise<ReceiveEvent> => {
    if (!startupSent) {
      startupSent = true;
      return { type: 'lifespan.startup' } satisfies LifespanReceiveEvent;
    }
    await shutdownAsked;
    return { type: 'lifespan.shutdown' } satisfies LifespanReceiveEvent;
  };

  const send = async (event: SendEvent): Promise<void> => {
    const expected =
      phase === 'startup' ? 'lifespan.startup.' : phase === 'shutdown' ? 'lifespan.shutdown.' : null;
    if (expected === null || !event.type.startsWith(expected)) {
      throw new TypeError(`lifespan: unexpected event ${JSON.stringify(event.type)} during ${phase}`);
    }
    if (event.type.endsWith('.complete')) settle({ ok: true });
    else if ('message' in event) settle({ ok: false, message: String(event.message) });
  };

  const finished = Promise.resolve()
    .then(() => app(scope, receive, send))
    .then(
      () => ({ unsupported: null }) as const,
      (error: unknown) => ({ unsupported: error }) as const,
    );
  void finished.then((ended) => {
    if (phase === 'running' && ended.unsupported)
      logger.error('lifespan: the app failed while running', ended.unsupported);
    settle(ended);
  });

  const first = await outcome;
  if ('unsupported' in first) {
    // ASGI's rule: an app that returns or throws before answering startup simply has no lifespan.
    // Expected for an http-only app, so its reason is told without a stack (as uvicorn does); the
    // error itself, at debug, for whoever wonders why.
    if (first.unsupported) {
      logger.info(`lifespan: not supported by the app (${reasonOf(first.unsupported)})`);
      logger.debug('lifespan: what the app threw', first.unsupported);
    } else logger.debug('lifespan: not supported by the app (it returned)');
    return { state, supported: false, shutdown: async () => {} };
  }
  if (!first.ok) throw new LifespanStartupError(first.message);
  phase = 'running';

  return {
    state,
    supported: true,
    async shutdown() {
      if (phase !== 'running') return;
      phase = 'shutdown';
      outcome = new Promise((resolve) => {
        settle = resolve;
      });
      releaseShutdown();
      const last = await Promise.race([outcome, finished]);
      phase = 'done';
      if ('unsupported' in last) {
        if (last.unsupported) throw new LifespanShutdownError(errorMessage(last.unsupported));
        return; // returned without a word after shutdown: treated as complete
      }
      if (!last.ok) throw new LifespanShutdownError(last.message);
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
