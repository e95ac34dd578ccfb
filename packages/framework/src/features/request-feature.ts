import type { Response } from '../response.js';

// Generic over the context (the app fills in its own) so this file needs nothing from the core: the
// features depend on the core, never the reverse.

/**
 * A part of the framework that wraps every request of an app, outside its hooks: sessions open before
 * the first `before` hook and save after the last `after` hook; CSRF refuses before any of them runs.
 * Features run in the order they were added; `close` in reverse.
 *
 * @example
 * ```ts
 * app.addRequestFeature({
 *   name: 'timing',
 *   open: (c) => { c.g.started = performance.now(); },
 *   close: (c, response) => { response.headers.set('server-timing', `app;dur=${performance.now() - (c.g.started as number)}`); },
 * });
 * ```
 */
export interface RequestFeature<C = unknown> {
  /** Names the feature in errors and in `app.hasRequestFeature(name)`. */
  readonly name: string;
  /**
   * Runs before the `before` hooks, also for a 404 or 405. Returning a value answers the request with
   * it (as a `before` hook's would): the hooks and the handler are skipped, `close` still runs.
   */
  open?(c: C): unknown;
  /** Runs on the response after the `after` hooks (error responses included), before it is sent. */
  close?(c: C, response: Response): void | Promise<void>;
}

/**
 * The template context processors of an app: each gives names every rendered template sees, computed
 * per render from the request (Flask's `context_processor`).
 */
export type ContextProcessor<C = unknown> = (c: C) => Record<string, unknown>;

/** Work that must run once the response is sent, whatever happened (removing an upload's temp file). */
export type Cleanup = () => void | PromiseLike<void>;
