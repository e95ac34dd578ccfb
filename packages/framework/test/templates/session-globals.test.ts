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
  'templates/layout.eta': '<meta name="csrf-token" content="<%= it.csrfToken %>"><%~ it.body %>',
  'templates/in-layout.eta': "<% layout('layout') %><form><%~ it.csrfField %></form>",
};

function notesApp(): Flagon {
  const app = new Flagon({ root: folderWith(TEMPLATES), config: { SECRET_KEY: SECRET } });
  app.get('/form', (c) => c.render('form'));
  app.get('/plain', (c) => c.render('plain'));
  app.get('/in-layout', (c) => c.render('in-layout'));
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

  it('gives a page and its layout one token per render, masked anew on the next render', async () => {
    const client = createTestClient(notesApp());
    const tokensOf = async (): Promise<string[]> => {
      const page = await (await client.get('/in-layout')).text();
      return [...page.matchAll(/(?:content|value)="([\w-]+)"/g)].map((match) => match[1]!);
    };
    const [meta, field] = await tokensOf();
    expect(meta).toMatch(/^[\w-]{86}$/);
    expect(field).toBe(meta);
    const [next] = await tokensOf();
    expect(next).not.toBe(meta);
    for (const token of [meta, next]) {
      expect((await client.post('/form', { form: { csrf_token: token ?? '' } })).status).toBe(302);
    }
  });

  it('a page that shows no form makes no token and sets no cookie', async () => {
    const res = await createTestClient(notesApp()).get('/plain');
    expect(await res.text()).toBe('<p>no form here</p>');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
