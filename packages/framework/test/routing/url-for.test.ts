import { describe, expect, expectTypeOf, it } from 'vitest';
import type { UrlFor, UrlParams } from '../../src/routing/index.js';
import { Router } from '../../src/routing/index.js';

function routerWith(routes: Record<string, string>): Router<null> {
  const router = new Router<null>();
  for (const [name, path] of Object.entries(routes))
    router.add({ methods: ['GET'], path, name, value: null });
  return router;
}

const router = routerWith({
  home: '/',
  user: '/users/:id',
  post: '/users/:id/posts/:post',
  static: '/static/*path',
  docs: '/{:lang/}docs',
  report: '/report{.:format}',
  cafe: '/café/:dish',
  quoted: '/q/:"foo-bar"',
  escaped: '/lit/\\:id/:id',
  root: '/*path',
});

describe('urlFor', () => {
  it('fills in params named like Object.prototype members, __proto__ included', () => {
    const protoNamed = routerWith({ proto: '/p/:__proto__/:constructor/*toString' });
    const params = { ['__proto__']: 'a', constructor: 'b', toString: ['c', 'd'] };
    expect(protoNamed.urlFor('proto', params)).toBe('/p/a/b/c/d');
  });

  it('fills params in', () => {
    expect(router.urlFor('home')).toBe('/');
    expect(router.urlFor('user', { id: '42' })).toBe('/users/42');
    expect(router.urlFor('post', { id: 1, post: 2 })).toBe('/users/1/posts/2');
    expect(router.urlFor('quoted', { 'foo-bar': 'x' })).toBe('/q/x');
    expect(router.urlFor('escaped', { id: 7 })).toBe('/lit/:id/7');
  });

  it('percent-encodes param values, a slash included', () => {
    expect(router.urlFor('user', { id: 'a b/c?d#e%f' })).toBe('/users/a%20b%2Fc%3Fd%23e%25f');
    expect(router.urlFor('user', { id: 'ünï' })).toBe('/users/%C3%BCn%C3%AF');
  });

  it('percent-encodes the literal text of the route', () => {
    expect(router.urlFor('cafe', { dish: 'crêpe' })).toBe('/caf%C3%A9/cr%C3%AApe');
  });

  it('splits a wildcard on "/" and encodes each segment', () => {
    expect(router.urlFor('static', { path: 'css/a b.css' })).toBe('/static/css/a%20b.css');
    expect(router.urlFor('static', { path: ['css', 'a/b.css'] })).toBe('/static/css/a%2Fb.css');
  });

  it('leaves an optional group out when its params are missing', () => {
    expect(router.urlFor('docs')).toBe('/docs');
    expect(router.urlFor('docs', { lang: undefined })).toBe('/docs');
    expect(router.urlFor('docs', { lang: 'fr' })).toBe('/fr/docs');
    expect(router.urlFor('report', { format: 'csv' })).toBe('/report.csv');
  });

  it('never builds a protocol-relative URL', () => {
    expect(router.urlFor('root', { path: '/evil.example' })).toBe('/%2Fevil.example');
    expect(router.urlFor('root', { path: ['', 'evil.example'] })).toBe('/%2Fevil.example');
  });

  it('appends a query from a record: arrays repeat, null and undefined are left out', () => {
    expect(
      router.urlFor('user', { id: 1 }, { page: 2, tag: ['a b', 'c&d'], draft: false, x: null, y: undefined }),
    ).toBe('/users/1?page=2&tag=a+b&tag=c%26d&draft=false');
  });

  it('appends a query from URLSearchParams, and nothing for an empty one', () => {
    expect(router.urlFor('home', {}, new URLSearchParams([['q', 'é']]))).toBe('/?q=%C3%A9');
    expect(router.urlFor('home', {}, new URLSearchParams())).toBe('/');
    expect(router.urlFor('home', {}, {})).toBe('/');
  });

  it('builds the first route of a shared name that the params fit', () => {
    const pages = new Router<null>();
    pages.add({ methods: ['GET'], path: '/pages', name: 'pages', value: null });
    pages.add({ methods: ['GET'], path: '/pages/:id', name: 'pages', value: null });
    expect(pages.urlFor('pages')).toBe('/pages');
    expect(pages.urlFor('pages', { id: 3 })).toBe('/pages/3');
  });
});

describe("params the route does not take (Flask's rule)", () => {
  it('become the query string, after the path params', () => {
    expect(router.urlFor('user', { id: 1, page: 2 })).toBe('/users/1?page=2');
    expect(router.urlFor('user', { page: 2, id: 1, tag: ['a', 'b'], on: true })).toBe(
      '/users/1?page=2&tag=a&tag=b&on=true',
    );
  });

  it('leave out null and undefined, and are encoded', () => {
    expect(router.urlFor('user', { id: 1, q: 'a b&c', none: null, gone: undefined })).toBe(
      '/users/1?q=a+b%26c',
    );
  });

  it('come before the query given as the third argument, which may repeat a key', () => {
    expect(router.urlFor('user', { id: 1, page: 2 }, { page: 3, sort: 'name' })).toBe(
      '/users/1?page=2&page=3&sort=name',
    );
    expect(router.urlFor('user', { id: 1, page: 2 }, new URLSearchParams('x=1'))).toBe('/users/1?page=2&x=1');
  });

  it('pick, among routes sharing a name, the one whose path takes the most params', () => {
    const pages = new Router<null>();
    pages.add({ methods: ['GET'], path: '/pages', name: 'pages', value: null });
    pages.add({ methods: ['GET'], path: '/pages/:id', name: 'pages', value: null });
    expect(pages.urlFor('pages', { id: 3, tab: 'x' })).toBe('/pages/3?tab=x');
    expect(pages.urlFor('pages', { tab: 'x' })).toBe('/pages?tab=x');
  });
});

describe('urlFor errors', () => {
  it('names the known endpoints for an unknown one', () => {
    expect(() => routerWith({ b: '/b', a: '/a' }).urlFor('x')).toThrow('unknown endpoint "x"; known: a, b');
    expect(() => new Router().urlFor('x')).toThrow('unknown endpoint "x"; known: (none)');
  });

  it('names a missing param', () => {
    expect(() => router.urlFor('user')).toThrow('endpoint "user" needs param "id"');
    expect(() => router.urlFor('post', { id: 1 })).toThrow('endpoint "post" needs param "post"');
  });

  it('still names a missing param when other params are given (they would only go to the query)', () => {
    expect(() => router.urlFor('user', { page: 2 })).toThrow('endpoint "user" needs param "id"');
  });

  it('rejects empty and mistyped values', () => {
    expect(() => router.urlFor('user', { id: '' })).toThrow('endpoint "user" got an empty param "id"');
    expect(() => router.urlFor('static', { path: [] })).toThrow(
      'endpoint "static" got an empty param "path"',
    );
    expect(() => router.urlFor('user', { id: ['a', 'b'] })).toThrow(
      'endpoint "user" param "id" must be a string or a number',
    );
  });
});

describe('typed urlFor', () => {
  type Routes = { home: '/'; user: '/users/:id'; docs: '/{:lang/}docs'; files: '/files/*path' };
  const typed = routerWith({ home: '/', user: '/users/:id', docs: '/{:lang/}docs', files: '/files/*path' });
  const urlFor = typed.urlFor.bind(typed) as UrlFor<Routes>;

  it('checks names and params at compile time and builds at run time', () => {
    expect(urlFor('home')).toBe('/');
    expect(urlFor('user', { id: 3 }, { tab: 'posts' })).toBe('/users/3?tab=posts');
    expect(urlFor('docs')).toBe('/docs');
    expect(urlFor('files', { path: ['a', 'b'] })).toBe('/files/a/b');
    // @ts-expect-error: no such endpoint
    expect(() => urlFor('nope')).toThrow('unknown endpoint');
    // @ts-expect-error: "user" needs its params
    expect(() => urlFor('user')).toThrow('needs param "id"');
    // @ts-expect-error: "user" has no param "name"
    expect(() => urlFor('user', { name: 'x' })).toThrow('needs param "id"');
  });

  it('types the params of a pattern', () => {
    expectTypeOf<UrlParams<'/users/:id'>>().toEqualTypeOf<{ id: string | number | readonly string[] }>();
    expectTypeOf<UrlParams<'/{:lang/}docs'>>().toEqualTypeOf<{
      lang?: string | number | readonly string[];
    }>();
    expectTypeOf<UrlParams<'/'>>().toEqualTypeOf<{}>();
  });
});
