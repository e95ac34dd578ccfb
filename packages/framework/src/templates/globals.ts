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
  let defined = false;
  for (const processor of host.contextProcessors) defined = copyNames(context, processor(c), defined);
  return data === undefined ? context : Object.assign(context, data);
}

/**
 * Copies `names` onto `context` as they are defined: a getter (csrfToken) stays a getter, run only if
 * the template reads it, so a page without a form makes no token and leaves the session untouched.
 * Plain values are assigned until a name had to be defined (assigning over a getter would call it):
 * defining every name through its descriptor cost ~20% of a page's context. Returns whether a name
 * was defined.
 */
function copyNames(context: Record<PropertyKey, unknown>, names: object, definedBefore: boolean): boolean {
  let defined = definedBefore;
  for (const key of Reflect.ownKeys(names)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(names, key)!;
    if (!defined && isPlainValue(descriptor) && key !== '__proto__') context[key] = descriptor.value;
    else {
      Object.defineProperty(context, key, descriptor);
      defined = true;
    }
  }
  return defined;
}

function isPlainValue(descriptor: PropertyDescriptor): boolean {
  return (
    descriptor.get === undefined &&
    descriptor.set === undefined &&
    descriptor.writable === true &&
    descriptor.enumerable === true &&
    descriptor.configurable === true
  );
}
