import type { ZodType, z } from 'zod';

/**
 * A template declared with the type of its data: `c.render(template, data)` checks `data` at compile
 * time and, when it has a schema, validates it at render time (the template sees the schema's output).
 */
export interface Template<D> {
  /** The template's name, as `c.render(name)` takes it. */
  readonly name: string;
  /** The schema `data` is validated against, when declared with one. */
  readonly schema: ZodType | undefined;
  /** Never set: carries the data type. */
  readonly __data?: D;
}

/**
 * Declares template `name` with the type of its data, from a zod schema (checked at compile time and
 * validated per render) or a type parameter (checked at compile time only).
 *
 * @example
 * ```ts
 * const noteList = defineTemplate('notes/list', z.object({ notes: z.array(z.object({ title: z.string() })) }));
 * app.get('/notes', (c) => c.render(noteList, { notes: [{ title: 'Milk' }] }));
 * const hello = defineTemplate<{ name: string }>('hello');
 * ```
 */
export function defineTemplate<S extends ZodType<object, object>>(
  name: string,
  schema: S,
): Template<z.input<S>>;
export function defineTemplate<D extends object>(name: string): Template<D>;
export function defineTemplate(name: string, schema?: ZodType<object>): Template<object> {
  return { name, schema };
}
