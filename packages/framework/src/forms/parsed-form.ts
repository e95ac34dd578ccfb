import type { UploadedFile } from './uploaded-file.js';

/** A form value: a field's text, or a file. */
export type FormValue = string | UploadedFile;

/**
 * A parsed form (what `c.request.form()` gives): `FormData`'s reading methods, with files as
 * {@link UploadedFile}. Names keep the order the client sent them in; a name may repeat.
 *
 * @example
 * ```ts
 * const form = await c.request.form();
 * form.get('title'); // 'Hello' (the first value), or null
 * form.getAll('photos'); // every file sent as "photos"
 * ```
 */
export class ParsedForm implements Iterable<[string, FormValue]> {
  private readonly list: readonly [string, FormValue][];

  /** @internal Made by the form parser. */
  constructor(entries: readonly [string, FormValue][]) {
    this.list = entries;
  }

  /** The first value of `name`, or `null`. */
  get(name: string): FormValue | null {
    for (const [key, value] of this.list) if (key === name) return value;
    return null;
  }

  /** Every value of `name`, in order (`[]` when absent). */
  getAll(name: string): FormValue[] {
    return this.list.filter(([key]) => key === name).map(([, value]) => value);
  }

  /** Whether the form has `name`. */
  has(name: string): boolean {
    return this.list.some(([key]) => key === name);
  }

  /** The `[name, value]` pairs, in order. */
  entries(): IterableIterator<[string, FormValue]> {
    return this.list.map(([key, value]): [string, FormValue] => [key, value])[Symbol.iterator]();
  }

  /** The names, in order (a repeated name repeats). */
  keys(): IterableIterator<string> {
    return this.list.map(([key]) => key)[Symbol.iterator]();
  }

  /** The values, in order. */
  values(): IterableIterator<FormValue> {
    return this.list.map(([, value]) => value)[Symbol.iterator]();
  }

  /** Calls `fn` with each value and name, in order. */
  forEach(fn: (value: FormValue, name: string) => void): void {
    for (const [key, value] of this.list) fn(value, key);
  }

  [Symbol.iterator](): IterableIterator<[string, FormValue]> {
    return this.entries();
  }
}
