import type { ZodType } from 'zod';

/**
 * A zod schema for the session's values (`new Flagon({ session: z.object({...}) })`): it types
 * `c.session`, and a cookie whose values no longer fit it (written by an older version of the app)
 * reads as an empty session. Every field is optional: a session starts empty.
 */
export type SessionSchema<T extends object = Record<string, unknown>> = ZodType<T>;

/**
 * Whether `values` fit `schema`, each field taken as optional (a session fills up over time); a
 * schema that is not an object schema is used as it is.
 *
 * @example
 * ```ts
 * fitsSessionSchema(z.object({ userId: z.number() }), {}); // true: userId not set yet
 * ```
 */
export function fitsSessionSchema(schema: SessionSchema<object>, values: Record<string, unknown>): boolean {
  return partialOf(schema).safeParse(values).success;
}

const partials = new WeakMap<ZodType, ZodType>();

function partialOf(schema: ZodType): ZodType {
  let partial = partials.get(schema);
  if (partial === undefined) {
    const maybe = schema as ZodType & { partial?: () => ZodType };
    partial = typeof maybe.partial === 'function' ? maybe.partial() : schema;
    partials.set(schema, partial);
  }
  return partial;
}
