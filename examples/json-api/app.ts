// A small CRUD API for items: zod validates every body and query, response schemas type and write every
// answer, `urlFor` builds the `Location` of a new item, and each app owns its store (createApp() per
// test keeps tests independent). The openapi plugin describes the routes from those same schemas, at
// /openapi.json, with a page to try them at /docs.
import { abort, Flagon, json, Response } from '@flagon/framework';
import { openapi } from '@flagon/framework/openapi';
import { z } from 'zod';

/** What a client sends to create or replace an item. */
export const ItemInput = z.object({
  name: z.string().min(1).max(100),
  price: z.number().min(0),
});

/** An item as returned: its id first, then what the client sent. */
export const ItemOutput = z.object({ id: z.string() }).extend(ItemInput.shape);

/** An item as stored and returned. */
export type Item = z.output<typeof ItemOutput>;

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * A fresh items API with its own empty in-memory store.
 *
 * @example
 * ```ts
 * const client = createTestClient(createApp());
 * await client.post('/items', { json: { name: 'cup', price: 3 } }); // 201, Location: /items/1
 * ```
 */
export function createApp(): Flagon {
  const app = new Flagon().use(
    openapi({ info: { title: 'Items API', version: '1.0.0', description: 'A small CRUD API for items.' } }),
  );
  const items = new Map<string, Item>();
  let lastId = 0;

  const find = (id: string): Item => items.get(id) ?? abort(404, `Item ${id} not found`);

  app.get('/items', { query: ListQuery, response: z.array(ItemOutput), name: 'list_items' }, (c) =>
    [...items.values()].slice(0, c.query.limit),
  );

  // `status` and `response` say what a success is (the 201 of `json()` and its Location still go out).
  app.post('/items', { body: ItemInput, response: ItemOutput, status: 201, name: 'create_item' }, (c) => {
    const item: Item = { id: String(++lastId), ...c.body };
    items.set(item.id, item);
    return json(item, { status: 201, headers: { location: c.urlFor('get_item', { id: item.id }) } });
  });

  app.get('/items/:id', { response: ItemOutput, name: 'get_item' }, (c) => find(c.params.id));

  app.put('/items/:id', { body: ItemInput, response: ItemOutput, name: 'replace_item' }, (c) => {
    const item: Item = { id: find(c.params.id).id, ...c.body };
    items.set(item.id, item);
    return item;
  });

  app.delete('/items/:id', { status: 204, name: 'delete_item' }, (c) => {
    items.delete(find(c.params.id).id);
    return new Response(null, { status: 204 });
  });

  return app;
}

export default createApp();
