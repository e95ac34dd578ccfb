import type { ZodType } from 'zod';
import { z } from 'zod';
import type { JsonSchema } from './document-types.js';

const DEFS = '#/$defs/';
const COMPONENTS = '#/components/schemas/';

/**
 * Turns route schemas into JSON Schema with `z.toJSONSchema`, gathering what zod puts in `$defs` (schemas
 * given an id with `.meta({ id })`, recursive ones) into the document's `components.schemas`: a `$defs`
 * left inside a schema object would be resolved against the whole document, where it is not.
 *
 * @example
 * ```ts
 * const components = new SchemaComponents();
 * components.convert(z.object({ tag: Tag }), 'input'); // { properties: { tag: { $ref: '#/components/schemas/Tag' } }, ... }
 * components.schemas; // { Tag: { type: 'object', ... } }
 * ```
 */
export class SchemaComponents {
  /** The document's `components.schemas`, filled as schemas are converted. */
  readonly schemas: Record<string, JsonSchema>;
  /** Each name's definition as zod wrote it, to tell a schema met again from another with its id. */
  readonly #written = new Map<string, string>();
  /** What each schema was converted to, by form: a route's schema is met once per path and method. */
  readonly #converted = {
    input: new WeakMap<ZodType, JsonSchema>(),
    output: new WeakMap<ZodType, JsonSchema>(),
  };

  constructor(schemas: Record<string, JsonSchema>) {
    this.schemas = schemas;
  }

  /**
   * `schema` as JSON Schema, for what a client sends (`'input'`: defaults make fields optional, coerced
   * fields take their input) or what the app answers (`'output'`). A type JSON Schema cannot express
   * (a date, a transform's result) becomes `{}` (any value) rather than failing the whole document.
   * A component's first form keeps its id; another form of it (the input form of an object whose output
   * form refuses unknown keys) is `<id>_input` or `<id>_output`.
   */
  convert(schema: ZodType, io: 'input' | 'output'): JsonSchema {
    const known = this.#converted[io].get(schema);
    if (known !== undefined) return known;
    const converted = this.#convert(schema, io);
    this.#converted[io].set(schema, converted);
    return converted;
  }

  #convert(schema: ZodType, io: 'input' | 'output'): JsonSchema {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
    const renamed = new Map<string, string>();
    const defs = ($defs ?? {}) as Record<string, JsonSchema>;
    for (const [id, def] of Object.entries(defs))
      renamed.set(id, this.#freeName(id, io, JSON.stringify(def)));
    for (const [id, def] of Object.entries(defs)) this.schemas[renamed.get(id)!] = relink(def, renamed);
    return relink(json, renamed);
  }

  /** `id`, else `id_input` (or `_output`), else `id_2`, `id_3`...: the first name free or holding `written`. */
  #freeName(id: string, io: 'input' | 'output', written: string): string {
    for (let n = 0; ; n++) {
      const name = n === 0 ? id : n === 1 ? `${id}_${io}` : `${id}_${n}`;
      const existing = this.#written.get(name);
      // The same definition met again (a schema reused by several routes) keeps its one name.
      if (existing === undefined || existing === written) {
        this.#written.set(name, written);
        return name;
      }
    }
  }
}

/** `json` with each `$ref` to `#/$defs/X` pointed at `components.schemas` under X's new name. */
function relink(json: JsonSchema, renamed: ReadonlyMap<string, string>): JsonSchema {
  return JSON.parse(JSON.stringify(json), (key, value: unknown) => {
    if (key !== '$ref' || typeof value !== 'string' || !value.startsWith(DEFS)) return value;
    const id = value.slice(DEFS.length);
    return COMPONENTS + (renamed.get(id) ?? id);
  }) as JsonSchema;
}
