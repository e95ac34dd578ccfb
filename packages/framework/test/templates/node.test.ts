// Templates over a real socket: the app handed to the gateway's Node adapter.
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, it } from 'vitest';
import { Blueprint, Flagon } from '../../src/index.js';
import { folderWith, silent } from './helpers.js';

describe('templates over a real socket', () => {
  it('serves an escaped page with a layout, and a blueprint’s template', async () => {
    const root = folderWith({
      'templates/layout.eta': '<body><%~ it.body %></body>',
      'templates/page.eta': "<% layout('layout') %><p><%= it.text %></p>",
      'admin/templates/admin/home.eta':
        "<% layout('layout') %><a href=\"<%= it.urlFor('admin.home') %>\">admin</a>",
    });
    const app = new Flagon({ root, logger: silent });
    app.get('/', (c) => c.render('page', { text: '<script>x</script>' }));
    const admin = new Blueprint('admin', { prefix: '/admin', root: `${root}/admin` });
    admin.get('/', { name: 'home' }, (c) => c.render('admin/home'));
    app.register(admin);
    const handler = toNodeHandler(app);
    await request(handler)
      .get('/')
      .expect(200, '<body><p>&lt;script&gt;x&lt;/script&gt;</p></body>')
      .expect('content-type', 'text/html; charset=utf-8');
    await request(handler).get('/admin/').expect(200, '<body><a href="/admin/">admin</a></body>');
  });
});
