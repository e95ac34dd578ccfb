import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSerializer, ResponseSchemaError } from '../../src/index.js';

const User = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.email().optional(),
  role: z.enum(['admin', 'member']).default('member'),
  tags: z.array(z.string()),
  manager: z.object({ id: z.number() }).nullable(),
});

describe('compileSerializer', () => {
  it('writes only the declared keys, in schema order, with defaults filled and undefined left out', () => {
    const serialize = compileSerializer(User);
    const row = {
      passwordHash: '$argon2id$secret',
      tags: ['a', 'b'],
      manager: null,
      name: 'Ada',
      id: 1,
      email: undefined,
    };
    const json = serialize(row);
    expect(json).toBe('{"id":1,"name":"Ada","role":"member","tags":["a","b"],"manager":null}');
    expect(json).not.toContain('secret');
    expect(JSON.parse(json)).toEqual(User.parse(row));
  });

  it('gives what zod parse then JSON.stringify give, for every kind it compiles', () => {
    const schema = z.object({
      text: z.string(),
      count: z.number(),
      flag: z.boolean(),
      nothing: z.null(),
      when: z.date(),
      kind: z.literal(['a', 1, true]),
      extra: z.unknown(),
      scores: z.record(z.string(), z.number()),
      either: z.union([z.number(), z.object({ x: z.string() })]),
      frozen: z.array(z.number()).readonly(),
      holes: z.array(z.string().optional()),
      nested: z.object({ deep: z.object({ deeper: z.string().nullable() }) }),
    });
    const value = {
      text: 'plain',
      count: -0.5,
      flag: false,
      nothing: null,
      when: new Date('2026-11-26T08:00:00Z'),
      kind: 1,
      extra: { any: ['thing', 2] },
      scores: { maths: 18, 'a "quoted" key': 3 },
      either: { x: 'y', dropped: true },
      frozen: [1, 2],
      holes: ['a', undefined],
      nested: { deep: { deeper: null, skip: 1 } },
    };
    expect(compileSerializer(schema)(value)).toBe(JSON.stringify(schema.parse(value)));
  });

  it('agrees with zod on defaults under optional, default values, TS enums and strict objects', () => {
    enum Color {
      Red,
      Green,
    }
    const cases: [z.ZodType, unknown][] = [
      [z.object({ a: z.string().default('x').optional() }), {}],
      // zod hands the default back as it is: `{}` here, not `{"a":1}`.
      [z.object({ a: z.number().default(1) }).default({} as { a: number }), undefined],
      [z.object({ a: z.string().default('x') }), { a: 'given' }],
      [z.enum(Color), Color.Green],
      [z.strictObject({ a: z.number() }), { a: 1 }],
    ];
    for (const [schema, value] of cases) {
      expect(compileSerializer(schema)(value)).toBe(JSON.stringify(schema.parse(value)));
    }
    // Where zod refuses, so does the compiled writer (once it wrote "Red" and dropped the extra key).
    expect(() => compileSerializer(z.enum(Color))('Red')).toThrow(ResponseSchemaError);
    expect(() => compileSerializer(z.strictObject({ a: z.number() }))({ a: 1, b: 2 })).toThrow(
      ResponseSchemaError,
    );
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    const serialize = compileSerializer(z.array(z.string()));
    const strings = [
      '',
      'say "hi"',
      'back\\slash',
      'line\nbreak\ttab\u0000nul',
      'café ☕ 𝄞',
      'lone \ud800 surrogate',
      '</script><script>alert(1)</script>',
      `${'long '.repeat(20)}"quoted"\n`,
    ];
    expect(serialize(strings)).toBe(JSON.stringify(strings));
  });

  it('throws a ResponseSchemaError naming the place and zod’s rule when a value does not fit', () => {
    const serialize = compileSerializer(User);
    const wrong = { id: 1, name: 'Ada', tags: ['a', 2], manager: null };
    expect(() => serialize(wrong)).toThrow(ResponseSchemaError);
    expect(() => serialize(wrong)).toThrow(/at tags\.1: .*expected string/i);
    expect(() => serialize({ id: 1, tags: [], manager: null })).toThrow(/at name:/);
    expect(() => serialize('not an object')).toThrow(/at the value:/);
    expect(() => compileSerializer(z.number())(Number.NaN)).toThrow(ResponseSchemaError);
    expect(() => compileSerializer(z.enum(['a']))('b')).toThrow(ResponseSchemaError);
  });

  it('hands schemas it cannot compile to zod: transforms, pipes, trims and loose objects', () => {
    const shout = compileSerializer(z.object({ name: z.string().transform((name) => name.toUpperCase()) }));
    expect(shout({ name: 'ada' })).toBe('{"name":"ADA"}');
    expect(compileSerializer(z.object({ name: z.string().trim() }))({ name: '  ada ' })).toBe(
      '{"name":"ada"}',
    );
    const loose = compileSerializer(z.looseObject({ id: z.number() }));
    expect(loose({ id: 1, more: 'kept' })).toBe('{"id":1,"more":"kept"}');
    expect(() => shout({ name: 3 })).toThrow(/at name:/);
  });

  it('does not re-run refinements: they are rules for input', () => {
    expect(compileSerializer(z.object({ name: z.string().min(5) }))({ name: 'Al' })).toBe('{"name":"Al"}');
  });
});
