import { defOf } from './responses/zod-def.js';
import { parseRoutePattern } from './routing/route-pattern.js';

/**
 * Throws when a route's `params` schema (an object schema) names a key its full path has no param for:
 * such a route could never validate, every request would be a 404. The types refuse it at compile time;
 * this catches it where they were bypassed (a path built at run time, a cast), once the blueprint
 * prefixes are known.
 *
 * @example
 * ```ts
 * checkParamsSchema(z.object({ userId: z.string() }), '/users/:id', 'user');
 * // TypeError: route "user": its params schema names "userId", which path "/users/:id" does not capture
 * ```
 */
export function checkParamsSchema(schema: unknown, path: string, name: string): void {
  if (schema === undefined) return;
  const def = defOf(schema);
  if (def.type !== 'object' || typeof def.shape !== 'object' || def.shape === null) return;
  const captured = new Set(parseRoutePattern(path).paramNames);
  const extra = Object.keys(def.shape).filter((key) => !captured.has(key));
  if (extra.length === 0) return;
  const keys = extra.map((key) => JSON.stringify(key)).join(', ');
  throw new TypeError(
    `route "${name}": its params schema names ${keys}, which path "${path}" does not capture`,
  );
}
