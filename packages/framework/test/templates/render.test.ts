// c.render: HTML responses from the app's and blueprints' template folders, layouts, partials, escaping.
import { join } from 'node:path';
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { Blueprint, Flagon } from '../../src/index.js';
import { appWith, folderWith, silent } from './helpers.js';

describe('c.render', () => {
  it('answers an HTML response from <root>/templates, .eta added to a name without extension', async () => {
    const { app } = appWith({ 'hello.eta': '<p>Hello, <%= it.name %>!</p>' });
    app.get('/', (c) => c.render('hello', { name: 'Ada' }));
    app.get('/created', (c) =>
      c.render('hello.eta', { name: 'Bob' }, { status: 201, headers: { 'x-a': '1' } }),
    );
    const client = createTestClient(app);
    const res = await client.get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<p>Hello, Ada!</p>');
    const created = await client.get('/created');
    expect([created.status, created.headers.get('x-a'), await created.text()]).toEqual([
      201,
      '1',
      '<p>Hello, Bob!</p>',
    ]);
  });

  it('escapes interpolated data, and writes <%~ %> raw', async () => {
    const { app } = appWith({ 'page.eta': '<p><%= it.bio %></p><div><%~ it.trusted %></div>' });
    app.get('/', (c) =>
      c.render('page', { bio: '<script>alert("x")</script> & \'you\'', trusted: '<b>ok</b>' }),
    );
    const body = await (await createTestClient(app).get('/')).text();
    expect(body).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;you&#39;</p><div><b>ok</b></div>',
    );
  });

  it('renders layouts and partials, passing data to both', async () => {
    const { app } = appWith({
      'layout.eta': '<html><title><%= it.title %></title><body><%~ it.body %></body></html>',
      'partials/row.eta': '<li><%= it.row.name %></li>',
      'list.eta':
        "<% layout('layout') %><ul><% for (const row of it.rows) { %><%~ include('partials/row', { row }) %><% } %></ul>",
    });
    app.get('/', (c) => c.render('list', { title: 'A & B', rows: [{ name: '<i>' }, { name: 'two' }] }));
    expect(await (await createTestClient(app).get('/')).text()).toBe(
      '<html><title>A &amp; B</title><body><ul><li>&lt;i&gt;</li><li>two</li></ul></body></html>',
    );
  });

  it('resolves ./ and ../ names from the including template, others from the folders’ tops', async () => {
    const { app } = appWith({
      'notes/show.eta':
        "<%~ include('./parts/title') %>|<%~ include('../footer') %>|<%~ include('footer') %>",
      'notes/parts/title.eta': 'T',
      'footer.eta': 'F',
    });
    app.get('/', (c) => c.render('notes/show'));
    expect(await (await createTestClient(app).get('/')).text()).toBe('T|F|F');
  });

  it('finds blueprint templates after the app’s: the app overrides by path, then registration order', async () => {
    const appRoot = folderWith({
      'templates/layout.eta': '[app <%~ it.body %>]',
      'templates/shared/thing.eta': 'app thing',
    });
    const adminRoot = folderWith({
      'templates/admin/index.eta': "<% layout('layout') %>admin index, <%~ include('shared/thing') %>",
      'templates/shared/thing.eta': 'admin thing',
      'templates/shared/only-admin.eta': 'admin only',
    });
    const shopRoot = folderWith({
      'templates/shared/only-admin.eta': 'shop copy',
      'templates/shop/index.eta': "<%~ include('shared/only-admin') %>",
    });
    const app = new Flagon({ root: appRoot, logger: silent });
    const admin = new Blueprint('admin', { root: adminRoot });
    admin.get('/admin', (c) => c.render('admin/index'));
    const shop = new Blueprint('shop', { root: shopRoot });
    shop.get('/shop', (c) => c.render('shop/index'));
    app.register(admin);
    app.register(shop);
    const client = createTestClient(app);
    expect(await (await client.get('/admin')).text()).toBe('[app admin index, app thing]');
    expect(await (await client.get('/shop')).text()).toBe('admin only');
  });

  it('takes templateFolder relative to root or absolute, and false for none', async () => {
    const root = folderWith({ 'views/a.eta': 'from views', 'elsewhere/b.eta': 'from elsewhere' });
    const relative = new Flagon({ root, templateFolder: 'views', logger: silent });
    const absolute = new Flagon({ templateFolder: join(root, 'elsewhere'), logger: silent });
    expect([relative.templateFolder, absolute.templateFolder]).toEqual([
      join(root, 'views'),
      join(root, 'elsewhere'),
    ]);
    relative.get('/', (c) => c.render('a'));
    absolute.get('/', (c) => c.render('b'));
    expect(await (await createTestClient(relative).get('/')).text()).toBe('from views');
    expect(await (await createTestClient(absolute).get('/')).text()).toBe('from elsewhere');
    expect(new Flagon({ root, templateFolder: false }).templateFolder).toBeUndefined();
    expect(new Blueprint('b', { root, templateFolder: false }).templateFolder).toBeUndefined();
    expect(new Blueprint('b', { root }).templateFolder).toBe(join(root, 'templates'));
    expect(() => new Flagon({ templateFolder: 'views' })).toThrow(
      /new Flagon\(\): templateFolder "views" is relative, so it needs a root/,
    );
  });
});
