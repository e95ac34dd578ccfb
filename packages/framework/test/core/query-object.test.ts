// The query object a `query` schema validates is read from the query string by hand when there is
// nothing to decode: it must be exactly what URLSearchParams gives, for any query, and validation must
// keep its order and its errors whether the schemas are sync or async.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fuzzRuns } from '../../../gateway/test/hostile/fuzz-runs.js';
import { Flagon } from '../../src/index.js';
import { entriesToObject, queryObject } from '../../src/query-object.js';
import { serve } from './helpers.js';

/** Queries made of what matters to the reader: separators, escapes, `+`, surrogates, and plain text. */
const query = fc
  .array(
    fc.oneof(
      fc.constantFrom('&', '=', '&&', '==', '?', '%', '%2', '%41', '%C3%A9', '%zz', '+', 'a', 'b', 'tag'),
      fc.constantFrom('__proto__', 'toString', 'é', '東', '🦊', '\ud800', '\udc00', ' ', '#', ';'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.join(''));

const asPlain = (value: Record<string, unknown>) => ({
  prototype: Object.getPrototypeOf(value),
  entries: Object.entries(value),
});

describe('queryObject', () => {
  it('gives what URLSearchParams then entriesToObject give, for any query', () => {
    const arrayFields = fc.constantFrom(new Set<string>(), new Set(['tag', 'a']));
    fc.assert(
      fc.property(query, arrayFields, (text, fields) => {
        const expected = entriesToObject(new URLSearchParams(text), fields);
        expect(asPlain(queryObject(text, fields))).toEqual(asPlain(expected));
      }),
      { numRuns: fuzzRuns(2000) },
    );
  });

  it('reads a plain query by slicing: empty pairs skipped, no `=` an empty value, later `=` kept', () => {
    const read = queryObject('a=1&&b&c=x=y&a=2&tag=t&=v', new Set(['tag']));
    expect(asPlain(read)).toEqual({
      prototype: null,
      entries: [
        ['a', ['1', '2']],
        ['b', ''],
        ['c', 'x=y'],
        ['tag', ['t']],
        ['', 'v'],
      ],
    });
    expect(Object.hasOwn(queryObject('__proto__=x', new Set()), '__proto__')).toBe(true);
  });
});

describe('a route validating its query', () => {
  const app = new Flagon();
  const slowly = z.string().refine(async (value) => value.length > 1, 'too short');
  app.get('/sync', { query: z.object({ limit: z.coerce.number().max(10) }) }, (c) => c.query);
  app.get(
    '/async',
    {
      query: z.object({ q: slowly }),
      headers: z.object({ 'x-n': z.coerce.number() }),
    },
    (c) => ({ query: c.query, headers: c.headers }),
  );

  it('answers from the validated query, and a 422 naming the field', async () => {
    const t = await serve(app);
    expect(await (await t.request({ path: '/sync?limit=3' })).json()).toEqual({ limit: 3 });
    const bad = await t.request({ path: '/sync?limit=30' });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { issues: unknown }).issues).toEqual([
      { path: ['query', 'limit'], message: 'Too big: expected number to be <=10' },
    ]);
  });

  it('keeps the query’s issues before the headers’ when the query schema is async', async () => {
    const t = await serve(app);
    const bad = await t.request({ path: '/async?q=a', headers: { 'x-n': 'many' } });
    expect(bad.status).toBe(422);
    const { issues } = (await bad.json()) as { issues: { path: string[] }[] };
    expect(issues.map((issue) => issue.path)).toEqual([
      ['query', 'q'],
      ['headers', 'x-n'],
    ]);
    const good = await t.request({ path: '/async?q=ab%20c', headers: { 'x-n': '2' } });
    expect(await good.json()).toEqual({ query: { q: 'ab c' }, headers: { 'x-n': 2 } });
  });
});
