// Flask's rule through the app: params the route does not take become the query string, in app.urlFor
// and in c.urlFor (mount prefix included), merged with options.query.
import { describe, expect, it } from 'vitest';
import { Blueprint, Flagon } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';

describe('urlFor with params the route does not take', () => {
  const app = new Flagon();
  app.get('/users/:id', { name: 'user' }, (c) => ({
    next: c.urlFor('user', { id: c.params.id, page: 2 }),
    merged: c.urlFor('user', { id: 1, page: 2 }, { query: { sort: 'name' } }),
    relative: c.urlFor('admin.list', { q: 'a b' }),
  }));
  const admin = new Blueprint('admin', { prefix: '/admin' });
  admin.get('/items', { name: 'list' }, (c) => c.urlFor('.list', { page: 3 }));
  app.register(admin);

  it('puts them in the query string on app.urlFor', () => {
    expect(app.urlFor('user', { id: 1, page: 2 })).toBe('/users/1?page=2');
    expect(app.urlFor('user', { id: 1, page: 2 }, { query: { page: 9 } })).toBe('/users/1?page=2&page=9');
    expect(app.urlFor('admin.list', { tags: ['a', 'b'], draft: false })).toBe(
      '/admin/items?tags=a&tags=b&draft=false',
    );
  });

  it('and on c.urlFor, after the mount prefix', async () => {
    await using client = createTestClient(app);
    expect(await (await client.get('/users/7')).json()).toEqual({
      next: '/users/7?page=2',
      merged: '/users/1?page=2&sort=name',
      relative: '/admin/items?q=a+b',
    });
    expect(await (await client.get('/admin/items')).text()).toBe('/admin/items?page=3');
  });
});
