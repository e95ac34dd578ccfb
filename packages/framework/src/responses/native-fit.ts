import type { ZodDef } from './zod-def.js';
import { defOf } from './zod-def.js';
/**
 * When `JSON.stringify` already writes what a response schema would: the value holds exactly the
 * schema's keys, in its order, with values of its types. Then the engine's own serializer (native,
 * one flat string) replaces the schema's writer (string concatenation in JavaScript): for a list of
 * 100 objects the check and `JSON.stringify` cost less than the writer alone. Anything else (an extra
 * key to drop, a default to fill, a date, a union) is left to the writer.
 */

/** True when `JSON.stringify(value)` is exactly the schema writer's output for `value`. */
export type NativeFit = (value: unknown) => boolean;

function optinOf(schema: unknown): string | undefined {
  return (schema as { _zod: { optin?: string } })._zod.optin;
}

const OBJECT_PROTOTYPE = Object.prototype;

/**
 * The fit check for a zod schema, or `null` when no value of it is left to `JSON.stringify`.
 *
 * @example
 * ```ts
 * const fits = nativeFitFor(z.array(z.object({ id: z.number() })));
 * fits?.([{ id: 1 }]); // true: JSON.stringify writes it as the schema would
 * fits?.([{ id: 1, secret: 'x' }]); // false: the schema drops `secret`
 * ```
 */
export function nativeFitFor(schema: unknown): NativeFit | null {
  const def = defOf(schema);
  // `.trim()` and the like rewrite the value: only zod applies them.
  if (def.checks?.some((check) => check._zod.def.check === 'overwrite')) return null;
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      // NaN and Infinity are a mismatch for the schema, `null` for JSON.stringify.
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'null':
      return (value) => value === null;
    case 'literal':
    case 'enum':
      return constantsFit(schema);
    case 'optional':
      // A defaulted inner type fills an absent value in, which JSON.stringify would leave out.
      if (optinOf(def.innerType) === 'defaulted') return null;
      return wrapped(def.innerType, (inner) => (value) => value === undefined || inner(value));
    case 'nullable':
      return wrapped(def.innerType, (inner) => (value) => value === null || inner(value));
    case 'readonly':
      return nativeFitFor(def.innerType);
    case 'array':
      return wrapped(def.element, arrayFit);
    case 'object':
      return objectFit(def);
    default:
      return null;
  }
}

function wrapped(inner: unknown, build: (fits: NativeFit) => NativeFit): NativeFit | null {
  const fits = nativeFitFor(inner);
  return fits === null ? null : build(fits);
}

function constantsFit(schema: unknown): NativeFit | null {
  const values = (schema as { _zod: { values: ReadonlySet<unknown> } })._zod.values;
  for (const value of values) if (JSON.stringify(value) === undefined) return null;
  return (value) => values.has(value);
}

function arrayFit(element: NativeFit): NativeFit {
  return (value) => {
    // An array of a class of its own, or with a `toJSON` of its own, JSON.stringify would treat otherwise.
    if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) return false;
    if ((value as { toJSON?: unknown }).toJSON !== undefined) return false;
    for (let i = 0; i < value.length; i++) if (!element(value[i])) return false;
    return true;
  };
}

function objectFit(def: ZodDef): NativeFit | null {
  // A strict or loose object: the writer's own rules apply.
  if (def.catchall !== undefined) return null;
  const shape = def.shape as Record<string, unknown>;
  const keys = Object.keys(shape);
  const fits: NativeFit[] = [];
  for (const key of keys) {
    const fit = nativeFitFor(shape[key]);
    if (fit === null) return null;
    fits.push(fit);
  }
  return compiledObjectFit(keys, fits, shape) ?? loopObjectFit(keys, fits);
}

// A primitive field's check written inline, so the generated check makes no call for it.
const INLINE_CHECKS: Readonly<Record<string, (name: string) => string>> = {
  string: (name) => `typeof ${name} === 'string'`,
  number: (name) => `typeof ${name} === 'number' && isFinite(${name})`,
  boolean: (name) => `typeof ${name} === 'boolean'`,
  null: (name) => `${name} === null`,
};

// Generated per schema, as the params objects are (routing/params-object.ts): each field is read by a
// fixed name (one inline-cached load) where a shared loop reads a different key at one site, which V8
// resolves through its megamorphic cache: in a list of 100 items, that made the check cost as much as
// the writer it saves. Where `new Function` is refused, the loop serves, with the same result.
function compiledObjectFit(
  keys: readonly string[],
  fits: readonly NativeFit[],
  shape: Record<string, unknown>,
): NativeFit | undefined {
  const fields = keys.map((key, i) => {
    const inline = INLINE_CHECKS[plainType(shape[key])];
    const check = inline ? inline(`v${i}`) : `fits[${i}](v${i})`;
    return `const v${i} = value[${JSON.stringify(key)}]; if (!(${check})) return false; if (v${i} !== undefined) present++;`;
  });
  const source = `return function fit(value) {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = getPrototypeOf(value);
  if (prototype !== objectPrototype && prototype !== null) return false;
  let present = 0;
  ${fields.join('\n  ')}
  let next = 0;
  let seen = 0;
  for (const key in value) {
    while (next < ${keys.length} && keys[next] !== key) next++;
    if (next === ${keys.length}) return false;
    next++;
    if (value[key] !== undefined) seen++;
  }
  return seen === present;
};`;
  try {
    return new Function('fits', 'keys', 'getPrototypeOf', 'objectPrototype', 'isFinite', source)(
      fits,
      keys,
      Object.getPrototypeOf,
      OBJECT_PROTOTYPE,
      Number.isFinite,
    ) as NativeFit;
  } catch {
    return undefined;
  }
}

/** The schema's type when it is a plain primitive with no rewriting check, else `''`. */
function plainType(schema: unknown): string {
  const def = defOf(schema);
  return def.checks?.some((check) => check._zod.def.check === 'overwrite') ? '' : def.type;
}

function loopObjectFit(keys: readonly string[], fits: readonly NativeFit[]): NativeFit {
  const count = keys.length;
  return (value) => {
    if (typeof value !== 'object' || value === null) return false;
    // A plain object only: a class instance may have a `toJSON` or getters JSON.stringify would use.
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== OBJECT_PROTOTYPE && prototype !== null) return false;
    const record = value as Record<string, unknown>;
    let present = 0;
    for (let i = 0; i < count; i++) {
      const field = record[keys[i]!];
      if (!fits[i]!(field)) return false;
      if (field !== undefined) present++;
    }
    // Its keys must be the schema's, in the schema's order (absent optional ones skipped): no key to
    // drop. Counted too: a declared key that is not enumerable is written by the schema, not by JSON.
    let next = 0;
    let seen = 0;
    for (const key in record) {
      while (next < count && keys[next] !== key) next++;
      if (next === count) return false;
      next++;
      if (record[key] !== undefined) seen++;
    }
    return seen === present;
  };
}
