/**
 * A response schema's writer as one generated function, as fast-json-stringify does for Fastify: the
 * keys and their order written into the code, the types checked inline. For small objects this beats
 * both the engine's `JSON.stringify` and a tree of closures (a 10-item list: ~0.6x JSON.stringify's
 * time). Where code cannot be generated (a host that forbids `new Function`), the caller keeps the
 * closures.
 */
import type { ZodDef } from './zod-def.js';
import { defOf } from './zod-def.js';

/** Writes a value as JSON, `undefined` for a key to leave out; throws `mismatch`'s value on a mismatch. */
export type GeneratedWriter = (value: unknown) => string | undefined;

/** What a generated writer calls back into: the string quoting, the mismatch, the writers it reuses. */
export interface WriterParts {
  readonly quote: (text: string) => string;
  readonly mismatch: () => never;
  /** The closure writer of a schema the generator leaves to them (unions, records), or `null`. */
  readonly closureFor: (schema: unknown) => GeneratedWriter | null;
}

/** An expression over a variable, and whether it can give `undefined` (a key left out). */
interface Emitted {
  readonly code: string;
  readonly mayOmit: boolean;
}

class Generator {
  readonly functions: string[] = [];
  readonly externals: unknown[] = [];
  private variables = 0;

  constructor(private readonly parts: WriterParts) {}

  external(value: unknown): string {
    this.externals.push(value);
    return `x${this.externals.length - 1}`;
  }

  variable(): string {
    return `v${this.variables++}`;
  }

  /** The expression writing `schema` for the value in variable `v`, or `null` when none can. */
  emit(schema: unknown, v: string): Emitted | null {
    const def = defOf(schema);
    if (def.checks?.some((check) => check._zod.def.check === 'overwrite')) return null;
    const must = (code: string): Emitted => ({ code, mayOmit: false });
    switch (def.type) {
      case 'string':
        return must(`(typeof ${v} === 'string' ? q(${v}) : m())`);
      case 'number':
        return must(`(typeof ${v} === 'number' && Number.isFinite(${v}) ? '' + ${v} : m())`);
      case 'boolean':
        return must(`(${v} === true ? 'true' : ${v} === false ? 'false' : m())`);
      case 'null':
        return must(`(${v} === null ? 'null' : m())`);
      case 'date':
        return must(
          `(${v} instanceof Date && !Number.isNaN(${v}.getTime()) ? '"' + ${v}.toISOString() + '"' : m())`,
        );
      case 'any':
      case 'unknown':
        return { code: `JSON.stringify(${v})`, mayOmit: true };
      case 'readonly':
        return this.emit(def.innerType, v);
      case 'optional':
        return this.optional(def, v);
      case 'nullable':
        return this.wrap(def.innerType, v, (inner) => `(${v} === null ? 'null' : ${inner})`, false);
      case 'default': {
        const text = JSON.stringify(def.defaultValue);
        if (text === undefined) return null;
        return this.wrap(
          def.innerType,
          v,
          (inner) => `(${v} === undefined ? ${JSON.stringify(text)} : ${inner})`,
          false,
        );
      }
      case 'array':
        return this.array(def, v);
      case 'object':
        return this.object(def, v);
      default:
        return this.closure(schema, v);
    }
  }

  private wrap(inner: unknown, v: string, build: (code: string) => string, mayOmit: boolean): Emitted | null {
    const emitted = this.emit(inner, v);
    return emitted === null ? null : { code: build(emitted.code), mayOmit: mayOmit || emitted.mayOmit };
  }

  private optional(def: ZodDef, v: string): Emitted | null {
    // A defaulted inner type fills the absent value in, as zod's optional lets it.
    const optin = (def.innerType as { _zod: { optin?: string } })._zod.optin;
    if (optin === 'defaulted') return this.emit(def.innerType, v);
    return this.wrap(def.innerType, v, (inner) => `(${v} === undefined ? undefined : ${inner})`, true);
  }

  private closure(schema: unknown, v: string): Emitted | null {
    const write = this.parts.closureFor(schema);
    return write === null ? null : { code: `${this.external(write)}(${v})`, mayOmit: true };
  }

  private array(def: ZodDef, v: string): Emitted | null {
    const item = this.variable();
    const element = this.emit(def.element, item);
    if (element === null) return null;
    const name = `f${this.functions.length}`;
    // An undefined element is written as null, as JSON.stringify does.
    const write = element.mayOmit ? `(${element.code}) ?? 'null'` : element.code;
    this.functions.push(
      `function ${name}(a) { if (!Array.isArray(a)) m(); let s = '['; ` +
        `for (let i = 0; i < a.length; i++) { const ${item} = a[i]; if (i > 0) s += ','; s += ${write}; } ` +
        `return s + ']'; }`,
    );
    return { code: `${name}(${v})`, mayOmit: false };
  }

  private object(def: ZodDef, v: string): Emitted | null {
    // A loose object passes unknown keys through: only zod knows what they become.
    const catchall = def.catchall === undefined ? undefined : defOf(def.catchall).type;
    if (catchall !== undefined && catchall !== 'never') return null;
    const shape = def.shape as Record<string, unknown>;
    const keys = Object.keys(shape);
    const name = `f${this.functions.length}`;
    const slot = this.functions.push('') - 1;
    const fields: { key: string; variable: string; emitted: Emitted }[] = [];
    for (const key of keys) {
      const variable = this.variable();
      const emitted = this.emit(shape[key], variable);
      if (emitted === null) return null;
      fields.push({ key, variable, emitted });
    }
    const reads = fields
      .map((field) => `const ${field.variable} = o[${JSON.stringify(field.key)}];`)
      .join(' ');
    // A strict object (catchall never) refuses keys it does not declare, where a plain one drops them.
    const strict =
      catchall === 'never'
        ? `for (const k of Object.keys(o)) if (!${this.external(new Set(keys))}.has(k)) m(); `
        : '';
    const check = `if (typeof o !== 'object' || o === null || Array.isArray(o)) m(); ${strict}`;
    let body: string;
    if (fields.every((field) => !field.emitted.mayOmit)) {
      // Every key always written: one concatenation with the commas in place.
      const parts = fields.map(
        (field, i) =>
          `${JSON.stringify(`${i === 0 ? '' : ','}${JSON.stringify(field.key)}:`)} + ${field.emitted.code}`,
      );
      body = `return '{' + ${parts.length === 0 ? "''" : parts.join(' + ')} + '}';`;
    } else {
      const writes = fields.map(
        (field) =>
          `t = ${field.emitted.code}; if (t !== undefined) s += (s === '' ? '{' : ',') + ${JSON.stringify(`${JSON.stringify(field.key)}:`)} + t;`,
      );
      body = `let s = ''; let t; ${writes.join(' ')} return s === '' ? '{}' : s + '}';`;
    }
    this.functions[slot] = `function ${name}(o) { ${check}${reads} ${body} }`;
    return { code: `${name}(${v})`, mayOmit: false };
  }
}

/**
 * Generates the writer of `schema`, or `null` when some part of it needs zod or the host refuses
 * generated code.
 *
 * @example
 * ```ts
 * const write = generateWriter(z.object({ id: z.number() }), parts);
 * write?.({ id: 1, secret: 'x' }); // '{"id":1}'
 * ```
 */
export function generateWriter(schema: unknown, parts: WriterParts): GeneratedWriter | null {
  const generator = new Generator(parts);
  const root = generator.emit(schema, 'value');
  if (root === null) return null;
  const names = generator.externals.map((_, i) => `x${i}`);
  const source = `'use strict'; ${generator.functions.join('\n')}\nreturn function write(value) { return ${root.code}; };`;
  try {
    const build = new Function('q', 'm', ...names, source) as (...args: unknown[]) => GeneratedWriter;
    return build(parts.quote, parts.mismatch, ...generator.externals);
  } catch {
    // Workers-like hosts forbid `new Function` (an EvalError): the closures serve there.
    return null;
  }
}
