import type { ParamsFactory } from './params-object.js';

/** A registered route as listings (and matches) show it. */
export interface RouteInfo {
  readonly methods: readonly string[];
  readonly path: string;
  readonly name: string | undefined;
}

/** What the router keeps about one registered route. */
export interface RouteRecord<T> {
  readonly info: RouteInfo;
  readonly value: T;
}

/** One way to reach a route: the route, and how to make params from the values this pattern variant captures. */
export interface Leaf<T> {
  readonly route: RouteRecord<T>;
  /** Null for a route without params. */
  readonly params: ParamsFactory | null;
}

/**
 * The routes that end at one place of the matcher (a static path, a tree node, a regex), by method.
 * The first route registered for a method wins. `HEAD` falls back to `GET` here, per place, so an
 * explicit HEAD route beats the GET route of the same pattern.
 *
 * @example
 * ```ts
 * const table = new MethodTable<string>();
 * table.add(['GET'], { route, params: paramsFactory([], []) });
 * table.lookup('HEAD')?.route === route; // true: HEAD is served by GET
 * ```
 */
export class MethodTable<T> {
  readonly #byMethod = new Map<string, Leaf<T>>();

  /** Adds `leaf` for each method that has no route here yet. */
  add(methods: readonly string[], leaf: Leaf<T>): void {
    for (const method of methods) {
      if (!this.#byMethod.has(method)) this.#byMethod.set(method, leaf);
    }
  }

  /** The leaf serving `method`, if any. */
  lookup(method: string): Leaf<T> | undefined {
    return this.#byMethod.get(method) ?? (method === 'HEAD' ? this.#byMethod.get('GET') : undefined);
  }

  /** Adds the methods served here to `allowed`, with HEAD when GET is served. */
  collectAllowed(allowed: Set<string>): void {
    for (const method of this.#byMethod.keys()) allowed.add(method);
    if (this.#byMethod.has('GET')) allowed.add('HEAD');
  }
}
