// The items API's contract, written once and run through every way of reaching the app (see http-call.ts).
import type { App } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { createApp, type Item } from '../app.js';
import type { Call, Reply } from './http-call.js';

interface ErrorBody {
  error: string;
  issues?: { path: (string | number)[]; message: string }[];
}

function jsonOf<T>(reply: Reply): T {
  expect(reply.header('content-type')).toMatch(/^application\/json/);
  return JSON.parse(reply.text) as T;
}

/** Asserts a 422 whose issues name the field at `field` of the body or query. */
function expectIssue(reply: Reply, field: string): void {
  expect(reply.status).toBe(422);
  const body = jsonOf<ErrorBody>(reply);
  expect(body.error).toBe('Validation failed');
  expect(body.issues?.length).toBeGreaterThan(0);
  for (const issue of body.issues ?? []) {
    expect(Array.isArray(issue.path)).toBe(true);
    expect(typeof issue.message).toBe('string');
  }
  expect(body.issues?.some((issue) => issue.path.at(-1) === field)).toBe(true);
}

/**
 * Runs the whole items contract; `connect` turns a fresh app (its own empty store) into a {@link Call},
 * and `wrap` may wrap the app first (in `validate`, say).
 *
 * @example
 * ```ts
 * describeItemsContract('test client', viaTestClient);
 * ```
 */
export function describeItemsContract(
  label: string,
  connect: (app: App) => Call,
  wrap: (app: App) => App = (a) => a,
) {
  const fresh = (): Call => connect(wrap(createApp()));

  async function create(call: Call, name = 'cup', price = 3): Promise<{ item: Item; reply: Reply }> {
    const reply = await call('POST', '/items', { json: { name, price } });
    expect(reply.status).toBe(201);
    return { item: jsonOf<Item>(reply), reply };
  }

  describe(`items API, ${label}`, () => {
    describe('POST /items', () => {
      it('stores the item and answers 201 with it, a string id and a Location built from the route', async () => {
        const call = fresh();
        const { item, reply } = await create(call, 'cup', 3.5);
        expect(item).toEqual({ id: expect.any(String), name: 'cup', price: 3.5 });
        expect(reply.header('location')).toBe(`/items/${item.id}`);
        const fetched = await call('GET', `/items/${item.id}`);
        expect(fetched.status).toBe(200);
        expect(jsonOf<Item>(fetched)).toEqual(item);
      });

      it('gives each item its own id', async () => {
        const call = fresh();
        const first = await create(call, 'a');
        const second = await create(call, 'b');
        expect(first.item.id).not.toBe(second.item.id);
      });

      it('accepts the bounds: a name of 1 and of 100 characters, a price of 0', async () => {
        const call = fresh();
        expect((await create(call, 'x', 0)).item.price).toBe(0);
        expect((await create(call, 'n'.repeat(100), 1)).item.name).toHaveLength(100);
      });

      it('answers 422 with the issues for a name empty or over 100 characters', async () => {
        const call = fresh();
        expectIssue(await call('POST', '/items', { json: { name: '', price: 1 } }), 'name');
        expectIssue(await call('POST', '/items', { json: { name: 'n'.repeat(101), price: 1 } }), 'name');
      });

      it('answers 422 for a negative, missing or non-number price', async () => {
        const call = fresh();
        expectIssue(await call('POST', '/items', { json: { name: 'cup', price: -0.01 } }), 'price');
        expectIssue(await call('POST', '/items', { json: { name: 'cup' } }), 'price');
        expectIssue(await call('POST', '/items', { json: { name: 'cup', price: '3' } }), 'price');
      });

      it('answers 422 for a body that is not an object, and stores nothing', async () => {
        const call = fresh();
        expect((await call('POST', '/items', { json: [1, 2] })).status).toBe(422);
        expect(jsonOf<Item[]>(await call('GET', '/items'))).toEqual([]);
      });

      it('answers 400 with a JSON error for malformed JSON', async () => {
        const reply = await fresh()('POST', '/items', { rawJson: '{"name": "cup", ' });
        expect(reply.status).toBe(400);
        expect(jsonOf<ErrorBody>(reply).error).toMatch(/^Malformed JSON body/);
      });
    });

    describe('GET /items/:id', () => {
      it('answers 404 with a JSON error for an unknown id', async () => {
        const reply = await fresh()('GET', '/items/nope');
        expect(reply.status).toBe(404);
        expect(jsonOf<ErrorBody>(reply)).toEqual({ error: expect.any(String) });
      });
    });

    describe('GET /items', () => {
      it('lists the items in the order they were created', async () => {
        const call = fresh();
        const a = await create(call, 'a');
        const b = await create(call, 'b');
        const reply = await call('GET', '/items');
        expect(reply.status).toBe(200);
        expect(jsonOf<Item[]>(reply)).toEqual([a.item, b.item]);
      });

      it('returns at most `limit` items, 20 by default', async () => {
        const call = fresh();
        for (let n = 0; n < 22; n++) await create(call, `item ${n}`);
        expect(jsonOf<Item[]>(await call('GET', '/items'))).toHaveLength(20);
        const three = jsonOf<Item[]>(await call('GET', '/items?limit=3'));
        expect(three.map((item) => item.name)).toEqual(['item 0', 'item 1', 'item 2']);
        expect(jsonOf<Item[]>(await call('GET', '/items?limit=100'))).toHaveLength(22);
      });

      it('answers 422 for a limit outside 1–100 or not an integer', async () => {
        const call = fresh();
        for (const limit of ['0', '101', 'ten', '2.5'])
          expectIssue(await call('GET', `/items?limit=${limit}`), 'limit');
      });
    });

    describe('PUT /items/:id', () => {
      it('replaces the whole item, keeping its id', async () => {
        const call = fresh();
        const { item } = await create(call, 'cup', 3);
        const reply = await call('PUT', `/items/${item.id}`, { json: { name: 'mug', price: 4 } });
        expect(reply.status).toBe(200);
        expect(jsonOf<Item>(reply)).toEqual({ id: item.id, name: 'mug', price: 4 });
        expect(jsonOf<Item>(await call('GET', `/items/${item.id}`))).toEqual({
          id: item.id,
          name: 'mug',
          price: 4,
        });
      });

      it('answers 422 for a body that fails the schema, leaving the item as it was', async () => {
        const call = fresh();
        const { item } = await create(call);
        expectIssue(await call('PUT', `/items/${item.id}`, { json: { name: 'mug' } }), 'price');
        expect(jsonOf<Item>(await call('GET', `/items/${item.id}`))).toEqual(item);
      });

      it('answers 404 for an unknown id', async () => {
        const reply = await fresh()('PUT', '/items/nope', { json: { name: 'mug', price: 4 } });
        expect(reply.status).toBe(404);
        expect(jsonOf<ErrorBody>(reply).error).toEqual(expect.any(String));
      });
    });

    describe('DELETE /items/:id', () => {
      it('answers 204 without a body, and the item is gone', async () => {
        const call = fresh();
        const { item } = await create(call);
        const reply = await call('DELETE', `/items/${item.id}`);
        expect(reply.status).toBe(204);
        expect(reply.text).toBe('');
        expect((await call('GET', `/items/${item.id}`)).status).toBe(404);
        expect((await call('DELETE', `/items/${item.id}`)).status).toBe(404);
      });
    });

    it('keeps a separate store per app', async () => {
      await create(fresh(), 'mine');
      expect(jsonOf<Item[]>(await fresh()('GET', '/items'))).toEqual([]);
    });
  });
}
