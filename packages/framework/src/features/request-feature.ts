import type { Context } from '../context.js';
import type { Response } from '../response.js';
import type { AppEnv, Input } from '../types.js';

/** The context a feature sees: any route's, whatever the app's types. */
export type FeatureContext = Context<Input, AppEnv>;

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
export interface RequestFeature {
  /** Names the feature in errors and in `app.hasRequestFeature(name)`. */
  readonly name: string;
  /**
   * Runs before the `before` hooks, also for a 404 or 405. Returning a value answers the request with
   * it (as a `before` hook's would): the hooks and the handler are skipped, `close` still runs.
   */
  open?(c: FeatureContext): unknown;
  /** Runs on the response after the `after` hooks (error responses included), before it is sent. */
  close?(c: FeatureContext, response: Response): void | Promise<void>;
}

/**
 * The template context processors of an app: each gives names every rendered template sees, computed
 * per render from the request (Flask's `context_processor`).
 */
export type ContextProcessor = (c: FeatureContext) => Record<string, unknown>;
