// The generated response writer against zod's own parse, on values that fit and values that do not.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { compileSerializer, ResponseSchemaError } from '../../src/index.js';
import { generateWriter } from '../../src/responses/generated-writer.js';
import { quoteJsonString } from '../../src/responses/schema-serializer.js';

const schema = z.object({
  id: z.number(),
  name: z.string(),
  note: z.string().optional(),
  role: z.enum(['admin', 'member']).default('member'),
  tags: z.array(z.string()),
  boss: z.object({ id: z.number() }).nullable(),
  meta: z.unknown(),
  either: z.union([z.number(), z.string()]),
  strict: z.strictObject({ a: z.boolean() }).optional(),
});

const text = fc.string({ unit: 'binary', maxLength: 50 });
const value = fc.record(
  {
    id: fc.oneof(fc.double(), text),
    name: fc.oneof(text, fc.integer()),
    note: fc.option(text, { nil: undefined }),
    role: fc.constantFrom('admin', 'member', undefined, 'owner'),
    tags: fc.array(fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: fc.constant(1) })),
    boss: fc.option(fc.record({ id: fc.double(), extra: text }), { nil: null }),
    meta: fc.jsonValue(),
    either: fc.oneof(fc.double(), text, fc.boolean()),
    strict: fc.option(fc.record({ a: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
    passwordHash: text,
  },
  // meta always there: zod refuses an absent unknown key, which the writers leave out (harmless on the way out).
  { requiredKeys: ['id', 'name', 'tags', 'boss', 'meta', 'either', 'passwordHash'] },
);

const parts = {
  quote: quoteJsonString,
  mismatch: (): never => {
    throw new Error('mismatch');
  },
  closureFor: () => null,
};

describe('the generated response writer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('writes what zod parse then JSON.stringify write, and refuses what zod refuses', () => {
    const serialize = compileSerializer(schema);
    fc.assert(
      fc.property(value, (input) => {
        const parsed = schema.safeParse(input);
        if (parsed.success) expect(serialize(input)).toBe(JSON.stringify(parsed.data));
        else expect(() => serialize(input)).toThrow(ResponseSchemaError);
      }),
      { numRuns: 500 },
    );
  });

  it('is generated for the schemas it covers, and gives way where a host forbids generated code', () => {
    const list = z.array(z.object({ id: z.number(), name: z.string() }));
    expect(generateWriter(list, parts)?.([{ id: 1, name: 'a', secret: 'x' }])).toBe('[{"id":1,"name":"a"}]');
    vi.stubGlobal('Function', () => {
      throw new EvalError('Code generation from strings disallowed for this context');
    });
    expect(generateWriter(list, parts)).toBeNull();
    // The closures serve then, with the same answer.
    expect(compileSerializer(list)([{ id: 1, name: 'a', secret: 'x' }])).toBe('[{"id":1,"name":"a"}]');
  });

  it('writes keys that need quoting as string literals, not as code', () => {
    const odd = z.object({ "a'b": z.number(), 'c"d\\': z.string(), '\u2028': z.boolean() });
    const serialize = compileSerializer(odd);
    const input = { "a'b": 1, 'c"d\\': 'x', '\u2028': true };
    expect(serialize(input)).toBe(JSON.stringify(input));
  });
});

describe('quoteJsonString', () => {
  it('quotes any text as JSON.stringify does, short or long (past the regex check), escapes or not', () => {
    // Long texts mostly plain with now and then what needs escaping: both sides of the regex's answer.
    const piece = fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }) },
      { weight: 1, arbitrary: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', '\u007f', '\u2028') },
      { weight: 1, arbitrary: fc.constantFrom('\ud83d\ude00', '\ud800', '\udfff', 'é', '日本') },
    );
    const text = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(text, (value) => {
        expect(quoteJsonString(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
    expect(quoteJsonString('x'.repeat(100))).toBe(`"${'x'.repeat(100)}"`);
    expect(quoteJsonString(`${'x'.repeat(100)}\ud800`)).toBe(JSON.stringify(`${'x'.repeat(100)}\ud800`));
  });
});
