import type { ContextProcessor } from '../features/request-feature.js';

// Structural types of the context and the app, not imports of them: the templates depend on the core,
// never the reverse, so they stay out of its import circle.

/** What a render reads from the request context (`c`). */
export interface RenderContext {
  readonly app: unknown;
  readonly request: unknown;
  urlFor(name: string, params?: never, options?: never): string;
}

/** What the globals of a render are made from: the app's `templateGlobal`s and context processors. */
export interface GlobalsHost {
  /** @internal */
  readonly templateGlobals: Readonly<Record<string, unknown>>;
  /** @internal */
  readonly contextProcessors: readonly ContextProcessor<RenderContext>[];
}

/**
 * What a template sees as `it`, lowest priority first: `urlFor` (bound to the request) and `request`,
 * the app's `templateGlobal`s, each context processor's names, then `data` (Flask's order: what the
 * view passes wins).
 *
 * @example
 * ```ts
 * templateContext(c, c.app, { notes }); // { urlFor, request, ...globals, ...processed, notes }
 * ```
 */
export function templateContext(c: RenderContext, host: GlobalsHost, data: object | undefined): object {
  const context: Record<string, unknown> = {
    urlFor: c.urlFor.bind(c),
    request: c.request,
    ...host.templateGlobals,
  };
  // Descriptors, not values: a processor's getter (csrfToken) runs only if the template reads it, so a
  // page without a form makes no token and leaves the session untouched.
  for (const processor of host.contextProcessors)
    Object.defineProperties(context, Object.getOwnPropertyDescriptors(processor(c)));
  return data === undefined ? context : Object.assign(context, data);
}
