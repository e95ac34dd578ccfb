// A route's `params` schema may only name params its path captures: a compile error otherwise, and a
// TypeError on registration where the types were bypassed. A fitting schema types and converts c.params.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { Blueprint, Flagon } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('a params schema and its path', () => {
  it('types c.params by a fitting schema and converts them', async () => {
    const app = new Flagon({ logger: silent });
    app.get('/users/:id', { params: z.object({ id: z.coerce.number().int() }) }, (c) => {
      expectTypeOf(c.params).toEqualTypeOf<{ id: number }>();
      return { next: c.params.id + 1 };
    });
    app.get('/{:lang/}docs', { params: z.object({ lang: z.string().optional() }) }, (c) => ({
      lang: c.params.lang ?? 'en',
    }));
    await using client = createTestClient(app);
    expect(await (await client.get('/users/41')).json()).toEqual({ next: 42 });
    expect(await (await client.get('/fr/docs')).json()).toEqual({ lang: 'fr' });
    expect((await client.get('/users/abc')).status).toBe(404);
  });

  it('refuses, at compile time and on registration, a schema naming a key the path has not', () => {
    const app = new Flagon({ logger: silent });
    expect(() =>
      // @ts-expect-error: the params schema names keys the path does not have: "userId"
      app.get('/users/:id', { params: z.object({ userId: z.string() }) }, () => 'never served'),
    ).toThrow(
      'route "GET /users/:id": its params schema names "userId", which path "/users/:id" does not capture',
    );
    expect(() =>
      // @ts-expect-error: a static path captures no "id"
      app.post('/about', { name: 'about', params: z.object({ id: z.string() }) }, () => 'x'),
    ).toThrow('route "about": its params schema names "id"');
    expect(app.router.match('GET', '/users/1').kind).not.toBe('found');
  });

  it('checks a blueprint route against its full path, prefix included', () => {
    const shop = new Blueprint('shop', { prefix: '/shop' });
    // @ts-expect-error: the route's own path has no "sku"
    shop.get('/items/:id', { name: 'item', params: z.object({ sku: z.string() }) }, () => 'x');
    const app = new Flagon({ logger: silent });
    expect(() => app.register(shop)).toThrow(
      'route "shop.item": its params schema names "sku", which path "/shop/items/:id" does not capture',
    );
  });

  it('refuses, on registration, a schema option that is no zod schema', () => {
    const app = new Flagon({ logger: silent });
    const fake = { _zod: { output: {}, input: {} } };
    expect(() => app.get('/a/:id', { query: fake }, () => 'x')).toThrow(
      "the route's query option must be a zod schema (it has no safeParse)",
    );
  });
});
