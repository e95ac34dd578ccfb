// A response schema hands a value to JSON.stringify only when that writes exactly what the schema's own
// writer would: each case below is one where the two differ, and the schema's answer must win. Run
// with the generated writer first (V8) and with JSON.stringify first (Bun's JavaScriptCore).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nativeFitFor } from '../../src/responses/native-fit.js';
import { serializerFor } from '../../src/responses/schema-serializer.js';

const Item = z.object({ id: z.number(), name: z.string(), note: z.string().optional() });
const Items = z.array(Item);

describe.each([
  ['the generated writer', false],
  ['JSON.stringify', true],
])('a response schema on values JSON.stringify could write, %s first', (_, nativeFirst) => {
  const compileSerializer = (schema: z.ZodType) => serializerFor(schema, nativeFirst);
  const serialize = compileSerializer(Items);

  it('lets JSON.stringify write a list shaped exactly as its schema, absent optional keys and all', () => {
    const fits = nativeFitFor(Items);
    const rows = [
      { id: 1, name: 'a' },
      { id: 2, name: 'b', note: 'n' },
      { id: 3, name: 'c', note: undefined },
    ];
    expect(fits?.(rows)).toBe(true);
    expect(serialize(rows)).toBe('[{"id":1,"name":"a"},{"id":2,"name":"b","note":"n"},{"id":3,"name":"c"}]');
  });

  it('still drops a key the schema does not declare', () => {
    const rows = [{ id: 1, name: 'a', passwordHash: 'secret' }];
    expect(nativeFitFor(Items)?.(rows)).toBe(false);
    expect(serialize(rows)).toBe('[{"id":1,"name":"a"}]');
  });

  it("still writes the keys in the schema's order", () => {
    expect(serialize([{ name: 'a', id: 1 }])).toBe('[{"id":1,"name":"a"}]');
  });

  it('writes a declared key that is not enumerable, which JSON.stringify would leave out', () => {
    const row = Object.defineProperty({ id: 1 }, 'name', { value: 'hidden', enumerable: false });
    expect(serialize([row])).toBe('[{"id":1,"name":"hidden"}]');
  });

  it('reads a class instance through the schema, not through its toJSON', () => {
    class Row {
      id = 1;
      name = 'a';
      toJSON() {
        return { leaked: true };
      }
    }
    expect(serialize([new Row()])).toBe('[{"id":1,"name":"a"}]');
    const list = Object.assign([{ id: 1, name: 'a' }], { toJSON: () => 'leaked' });
    expect(serialize(list)).toBe('[{"id":1,"name":"a"}]');
  });

  it('fills a default in, where JSON.stringify would leave the key out', () => {
    const withDefault = compileSerializer(z.object({ id: z.number(), role: z.string().default('member') }));
    expect(nativeFitFor(z.object({ role: z.string().default('member') }))).toBeNull();
    expect(withDefault({ id: 1 })).toBe('{"id":1,"role":"member"}');
  });

  it('refuses NaN, which JSON.stringify would write as null', () => {
    expect(() => serialize([{ id: Number.NaN, name: 'a' }])).toThrow('does not match its schema');
  });

  it('writes an undefined element of an optional array as null, as JSON.stringify does', () => {
    const optionalNames = compileSerializer(z.array(z.string().optional()));
    expect(optionalNames(['a', undefined])).toBe('["a",null]');
  });
});
