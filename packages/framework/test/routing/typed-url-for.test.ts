// Compile-time checks of `urlFor` on a chained app (tsc runs over the tests: each @ts-expect-error must
// be an error), and at run time the very URLs those typed calls build.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { RoutesOf, UrlNames } from '../../src/index.js';
import { Blueprint, definePlugin, Flagon } from '../../src/index.js';
import { makeTree, silent } from '../static/fixture.js';

function chainedApp() {
  const users = new Blueprint('users', { prefix: '/users' })
    .get('/:id', { name: 'show' }, (c) => ({ id: c.params.id }))
    .get('/:id/posts/{:post}', { name: 'posts' }, (c) => ({ post: c.params.post ?? null }));
  const admin = new Blueprint('admin', { prefix: '/admin' })
    .get('/', { name: 'home' }, () => 'admin')
    .register(users);
  return new Flagon({ logger: silent })
    .get('/', { name: 'home' }, () => 'home')
    .get('/items/:id', { name: 'item' }, (c) => ({ id: c.params.id }))
    .post('/items', { name: 'createItem', body: z.object({ title: z.string() }) }, (c) => c.body)
    .get('/files/*path', { name: 'file' }, (c) => c.params.path)
    .get('/unnamed', () => 'no name: not typed')
    .register(admin);
}

describe('urlFor on a chained app', () => {
  const app = chainedApp();
  const tree = makeTree();
  afterAll(() => rmSync(tree.base, { recursive: true, force: true }));

  it('knows the names of the routes given a name, blueprints as "blueprint.name", and "static"', () => {
    expectTypeOf<UrlNames<typeof app>>().toEqualTypeOf<
      | 'home'
      | 'item'
      | 'createItem'
      | 'file'
      | 'admin.home'
      | 'admin.users.show'
      | 'admin.users.posts'
      | 'static'
    >();
    expectTypeOf<RoutesOf<typeof app>['admin.users.show']>().toEqualTypeOf<'/:id'>();
  });

  it('builds the URLs its typed calls ask for, extra params going to the query string', () => {
    expect(app.urlFor('home')).toBe('/');
    expect(app.urlFor('item', { id: 1, page: 2 })).toBe('/items/1?page=2');
    expect(app.urlFor('item', { id: 'a b' }, { query: { tab: 'x' } })).toBe('/items/a%20b?tab=x');
    expect(app.urlFor('file', { path: ['css', 'site.css'] })).toBe('/files/css/site.css');
    expect(app.urlFor('admin.users.show', { id: 7 })).toBe('/admin/users/7');
    expect(app.urlFor('admin.users.posts', { id: 7 })).toBe('/admin/users/7/posts/');
    expect(app.urlFor('createItem')).toBe('/items');
  });

  it('refuses unknown names and missing or misnamed params at compile time (and at run time)', () => {
    // @ts-expect-error: no route is named "nope"
    expect(() => app.urlFor('nope')).toThrow('unknown endpoint');
    // @ts-expect-error: a route without a `name` option is not known to the types
    expect(() => app.urlFor('unnamed')).toThrow('unknown endpoint');
    // @ts-expect-error: "item" needs its `id`
    expect(() => app.urlFor('item')).toThrow('needs param "id"');
    // @ts-expect-error: "item" needs its `id`, a `page` alone is a query param
    expect(() => app.urlFor('item', { page: 2 })).toThrow('needs param "id"');
    // @ts-expect-error: the blueprint's route is "admin.users.show", not "users.show"
    expect(() => app.urlFor('users.show', { id: 1 })).toThrow('unknown endpoint');
    // @ts-expect-error: an object is no param value
    expect(() => app.urlFor('item', { id: { nested: true } })).toThrow();
  });

  it('types "static" with its filename', () => {
    const withStatic = new Flagon({ root: tree.appRoot, logger: silent }).get(
      '/',
      { name: 'home' },
      () => 'home',
    );
    expect(withStatic.urlFor('static', { filename: 'css/site.css' })).toBe('/static/css/site.css');
    // @ts-expect-error: "static" needs a filename
    expect(() => withStatic.urlFor('static')).toThrow('needs param "filename"');
  });

  it('keeps the routes known across use() of a plugin', () => {
    const plugin = definePlugin<{ context: { stamp: string } }>({
      name: 'stamp',
      setup: (host) => host.provide('stamp', () => 'x'),
    });
    const used = new Flagon({ logger: silent }).get('/a/:x', { name: 'a' }, () => 'a').use(plugin);
    expectTypeOf<UrlNames<typeof used>>().toEqualTypeOf<'a' | 'static'>();
    expect(used.urlFor('a', { x: 1 })).toBe('/a/1');
  });
});

describe('urlFor where the types know no routes', () => {
  it('takes any name on an app built with statements (Flask style), checked at run time', () => {
    const app = new Flagon({ logger: silent });
    app.get('/items/:id', { name: 'item' }, (c) => c.params.id);
    expectTypeOf<UrlNames<typeof app>>().toEqualTypeOf<string>();
    expect(app.urlFor('item', { id: 3 })).toBe('/items/3');
    expect(() => app.urlFor('nope')).toThrow('unknown endpoint');
  });

  it('adds nothing for a name only known as a string', () => {
    const name: string = 'item';
    const app = new Flagon({ logger: silent }).get('/items/:id', { name }, (c) => c.params.id);
    expectTypeOf<UrlNames<typeof app>>().toEqualTypeOf<string>();
    expect(app.urlFor('item', { id: 3 })).toBe('/items/3');
  });
});
