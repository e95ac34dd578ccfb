/**
 * A schema as route options take it (`params`, `query`, `headers`, `body`, `response`): a zod schema,
 * recognised by its `_zod` internals alone. Checking a route's schemas against zod's full `ZodType`
 * made tsc relate zod's large, recursive class types once per route (most of the check time of an app
 * of 1,000 routes); this asks only for what the route types read: the input and output types.
 *
 * @example
 * ```ts
 * const Item: RouteSchema<{ name: string }> = z.object({ name: z.string() });
 * ```
 */
export interface RouteSchema<Output = unknown, Input = unknown> {
  readonly _zod: { readonly output: Output; readonly input: Input };
}

/**
 * The output type of route schema `Z` (what a handler reads), as zod's `z.output`.
 *
 * @example
 * ```ts
 * type Item = SchemaOutput<typeof Item>; // { name: string }
 * ```
 */
export type SchemaOutput<Z extends RouteSchema> = Z['_zod']['output'];

/** The input type of route schema `Z` (what a handler returns through a `response` schema), as `z.input`. */
export type SchemaInput<Z extends RouteSchema> = Z['_zod']['input'];
