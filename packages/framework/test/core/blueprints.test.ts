import { describe, expect, it } from 'vitest';
import { abort, Blueprint, Flagon, json } from '../../src/index.js';
import { serve } from './helpers.js';

describe('blueprints', () => {
  it('mount their routes under their prefix with names prefixed by the blueprint name', async () => {
    const admin = new Blueprint('admin', { prefix: '/admin' });
    admin.get('/users', function listUsers() {
      return ['ada'];
    });
    admin.get('/users/:id', { name: 'user' }, (c) => ({ id: c.params.id }));
    const app = new Flagon();
    app.register(admin);
    const t = await serve(app);
    expect(await (await t.request({ path: '/admin/users' })).json()).toEqual(['ada']);
    expect(await (await t.request({ path: '/admin/users/3' })).json()).toEqual({ id: '3' });
    expect((await t.request({ path: '/users' })).status).toBe(404);
    expect(app.urlFor('admin.listUsers', {}, { query: { page: 2 } })).toBe('/admin/users?page=2');
    expect(app.urlFor('admin.user', { id: 3 })).toBe('/admin/users/3');
  });

  it('nest: prefixes and names join, and outer hooks wrap inner hooks', async () => {
    const calls: string[] = [];
    const api = new Blueprint('api', { prefix: '/api' });
    const v1 = new Blueprint('v1', { prefix: 'v1/' });
    api.before(() => {
      calls.push('api before');
    });
    api.after(() => {
      calls.push('api after');
    });
    v1.before(() => {
      calls.push('v1 before');
    });
    v1.after(() => {
      calls.push('v1 after');
    });
    v1.get('/ping', function ping(c) {
      calls.push('handler');
      return { self: c.urlFor('api.v1.ping'), sibling: c.urlFor('.pong') };
    });
    v1.get('/pong', function pong() {
      return 'pong';
    });
    api.register(v1);
    const app = new Flagon();
    app.before(() => {
      calls.push('app before');
    });
    app.after(() => {
      calls.push('app after');
    });
    app.register(api);
    const res = await (await serve(app)).request({ path: '/api/v1/ping' });
    expect(await res.json()).toEqual({ self: '/api/v1/ping', sibling: '/api/v1/pong' });
    expect(calls).toEqual([
      'app before',
      'api before',
      'v1 before',
      'handler',
      'v1 after',
      'api after',
      'app after',
    ]);
  });

  it('keep their hooks and error handlers to their own routes; theirs come before the app’s', async () => {
    const shop = new Blueprint('shop', { prefix: '/shop' });
    shop.before((c) => {
      c.g.inShop = true;
    });
    shop.errorHandler(404, () => json({ error: 'no such product' }, { status: 404 }));
    shop.get('/items/:id', (c) => (c.params.id === '1' ? { id: 1, inShop: c.g.inShop } : abort(404)));
    const app = new Flagon();
    app.errorHandler(404, () => json({ error: 'app 404' }, { status: 404 }));
    app.get('/plain', (c) => ({ inShop: c.g.inShop ?? false }));
    app.register(shop);
    const t = await serve(app);
    expect(await (await t.request({ path: '/shop/items/1' })).json()).toEqual({ id: 1, inShop: true });
    expect(await (await t.request({ path: '/shop/items/2' })).json()).toEqual({ error: 'no such product' });
    expect(await (await t.request({ path: '/plain' })).json()).toEqual({ inShop: false });
    expect(await (await t.request({ path: '/nowhere' })).json()).toEqual({ error: 'app 404' });
  });

  it('can be mounted under another prefix, and c.urlFor adds the app mount path', async () => {
    const docs = new Blueprint('docs', { prefix: '/docs' });
    docs.get('/', function index(c) {
      return c.urlFor('docs.index');
    });
    const app = new Flagon();
    app.register(docs, { prefix: '/manual' });
    const t = await serve(app, { rootPath: '/site' });
    expect(await (await t.request({ path: '/manual/' })).text()).toBe('/site/manual/');
    expect((await t.request({ path: '/docs/' })).status).toBe(404);
  });

  it('refuse routes after registration, a second registration under the same name, and bad names', () => {
    const admin = new Blueprint('admin');
    admin.get('/a', () => 'a');
    const app = new Flagon();
    app.register(admin);
    expect(() => admin.get('/b', () => 'b')).toThrow(/already registered/);
    expect(() => app.register(admin)).toThrow(/A blueprint named "admin" is already registered/);
    expect(() => new Blueprint('a.b')).toThrow(TypeError);
    expect(() => admin.register(admin)).toThrow();
  });

  it('name the blueprints of a registration cycle instead of overflowing the stack', () => {
    const a = new Blueprint('a');
    const b = new Blueprint('b');
    a.register(b);
    b.register(a);
    expect(() => new Flagon().register(a)).toThrow('Blueprint "a" is registered inside itself (a → b → a)');
  });

  it('resolve .relative names from the blueprint, also where a default endpoint name holds a dot', async () => {
    const feeds = new Blueprint('feeds', { prefix: '/feeds' });
    feeds.get('/', function index() {
      return 'index';
    });
    // Unnamed: its endpoint is "feeds.GET /atom.xml", whose last dot once cut the blueprint off wrong.
    feeds.get('/atom.xml', (c) => ({ up: c.urlFor('.index') }));
    const app = new Flagon();
    app.register(feeds);
    app.get('/', function home() {
      return 'home';
    });
    app.get('/robots.txt', (c) => ({ home: c.urlFor('.home') }));
    const t = await serve(app);
    expect(await (await t.request({ path: '/feeds/atom.xml' })).json()).toEqual({ up: '/feeds/' });
    expect(await (await t.request({ path: '/robots.txt' })).json()).toEqual({ home: '/' });
  });
});
