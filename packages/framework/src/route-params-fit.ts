import type { RouteSchema, SchemaOutput } from './route-schema.js';
import type { PathParams } from './routing/index.js';

/** The keys a route's `params` schema (in options `S`) names that its path `P` does not capture. */
type ExtraKeys<P extends string, S> = S extends { params: infer Z extends RouteSchema }
  ? Exclude<keyof SchemaOutput<Z>, keyof PathParams<P>>
  : never;

/**
 * Accepts route options `S` for path `P` unless their `params` schema names a key the path has no param
 * for (`/users/:id` with `z.object({ userId })`): such a key could never be filled, so the route could
 * never validate. A compile error naming the keys otherwise.
 *
 * @example
 * ```ts
 * type Ok = ParamsFit<'/users/:id', { params: ZodObject<{ id: ZodString }> }>; // unknown
 * ```
 */
export type ParamsFit<P extends string, S> = [ExtraKeys<P, S>] extends [never]
  ? unknown
  : { readonly 'the params schema names keys the path does not have': ExtraKeys<P, S> };

/** The literal `name` of route options, inferred apart so it stays a literal (`'user'`, not `string`). */
export interface RouteName<N extends string> {
  name?: N;
}
