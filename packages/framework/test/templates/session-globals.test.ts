// Templates and sessions together, as a Flask page uses them: flashed messages and the CSRF field.
import { createTestClient, csrfTokenFrom } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { Flagon, redirect } from '../../src/index.js';
import { SECRET } from '../sessions/helpers.js';
import { folderWith } from './helpers.js';

const TEMPLATES = {
  'templates/form.eta': [
    '<% for (const f of it.flashes()) { %><p class="<%= f.category %>"><%= f.message %></p><% } %>',
    '<form method="post"><%~ it.csrfField %><button>Save</button></form>',
  ].join(''),
  'templates/plain.eta': '<p>no form here</p>',
};

function notesApp(): Flagon {
  const app = new Flagon({ root: folderWith(TEMPLATES), config: { SECRET_KEY: SECRET } });
  app.get('/form', (c) => c.render('form'));
  app.get('/plain', (c) => c.render('plain'));
  app.post('/form', (c) => {
    c.flash('Saved <b>it</b>', 'success');
    return redirect(c.urlFor('GET /form'));
  });
  return app;
}

describe('templates with sessions', () => {
  it('renders the flashed message once, escaped, and a CSRF field the form post is accepted with', async () => {
    const client = createTestClient(notesApp());
    const page = await client.get('/form');
    const token = csrfTokenFrom(await page.text());
    expect(token.length).toBeGreaterThan(20);
    const refused = await client.post('/form', { form: {} });
    expect(refused.status).toBe(403);
    const saved = await client.post('/form', { form: { csrf_token: token }, follow: true });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('<p class="success">Saved &lt;b&gt;it&lt;/b&gt;</p>');
    // Read once: the next page shows it no more.
    expect(await (await client.get('/form')).text()).not.toContain('Saved');
  });

  it('a page that shows no form makes no token and sets no cookie', async () => {
    const res = await createTestClient(notesApp()).get('/plain');
    expect(await res.text()).toBe('<p>no form here</p>');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
