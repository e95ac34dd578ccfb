import type { output, ZodType } from 'zod';
import type { Request } from '../request.js';
import { arrayFieldsOf, entriesToObject } from '../validation.js';
import { UploadedFile } from './uploaded-file.js';

/**
 * What `c.validateForm(schema)` gives: the schema's output, or the errors by field and the text the
 * user sent, to put back in the form.
 */
export type FormValidation<T> =
  | { readonly success: true; readonly data: T }
  | {
      readonly success: false;
      /** Messages by field name (nested paths dotted: `address.city`); `_form` for the form as a whole. */
      readonly errors: Record<string, string[]>;
      /** The text fields as sent (the last value of a repeated name); files are left out. */
      readonly values: Record<string, string>;
    };

/** The array fields of each schema, worked out once. */
const arrayFieldsBySchema = new WeakMap<ZodType, ReadonlySet<string>>();

/**
 * Parses the request's form and validates it against `schema` without throwing a 422: the shape of
 * the body a route's `body` schema would see (strings, files as {@link UploadedFile}, arrays where the
 * schema has them, a repeated name elsewhere an array too).
 *
 * @example
 * ```ts
 * const result = await validateForm(c.request, NoteForm);
 * if (result.success) save(result.data);
 * ```
 */
export async function validateForm<S extends ZodType>(
  request: Request,
  schema: S,
): Promise<FormValidation<output<S>>> {
  const form = await request.form();
  let arrayFields = arrayFieldsBySchema.get(schema);
  if (arrayFields === undefined) {
    arrayFields = new Set(arrayFieldsOf(schema));
    arrayFieldsBySchema.set(schema, arrayFields);
  }
  const result = await schema.safeParseAsync(entriesToObject(form, arrayFields));
  if (result.success) return { success: true, data: result.data as output<S> };
  // No prototype: the names are the client's (`__proto__` must be an ordinary key, as in validation.ts).
  const errors: Record<string, string[]> = Object.create(null);
  for (const issue of result.error.issues) {
    const key = issue.path.length === 0 ? '_form' : issue.path.map(String).join('.');
    const messages = errors[key] ?? [];
    messages.push(issue.message);
    errors[key] = messages;
  }
  const values: Record<string, string> = Object.create(null);
  form.forEach((value, name) => {
    if (!(value instanceof UploadedFile)) values[name] = value;
  });
  return { success: false, errors, values };
}
