// CSRF protection through the public API: the origin check, then the session's token.
import { createTestClient, csrfTokenFrom, type TestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Blueprint, CSRFError, Flagon, html } from '../../src/index.js';
import { recordingLogger, SECRET } from './helpers.js';

/** A notes app: GET /new renders the form with its token, POST /notes takes it. */
function notesApp(config: Record<string, unknown> = { SECRET_KEY: SECRET }) {
  const app = new Flagon({ config, logger: recordingLogger() });
  app.get('/new', (c) =>
    html(
      `<form method="post" action="/notes"><input type="hidden" name="csrf_token" value="${c.csrfToken()}"></form>`,
    ),
  );
  app.post('/notes', async (c) => {
    const form = await c.request.form();
    return `saved ${String(form.get('title'))}`;
  });
  app.post(
    '/typed',
    { body: z.object({ title: z.string(), csrf_token: z.string() }) },
    (c) => `typed ${c.body.title}`,
  );
  return app;
}

/** A client that has loaded the form, and the token the form carried. */
async function withForm(app: Flagon): Promise<{ client: TestClient; token: string }> {
  const client = createTestClient(app);
  const token = csrfTokenFrom(await (await client.get('/new')).text());
  return { client, token };
}

async function errorOf(res: { status: number; json<T>(): Promise<T> }): Promise<[number, string]> {
  return [res.status, (await res.json<{ error: string }>()).error];
}

describe('CSRF protection', () => {
  it('refuses a form post without a token with 403 "CSRF token missing"', async () => {
    const { client } = await withForm(notesApp());
    const res = await client.post('/notes', { form: { title: 'hi' } });
    expect(await errorOf(res)).toEqual([
      403,
      'CSRF token missing (form field csrf_token or header X-CSRF-Token)',
    ]);
  });

  it('takes a form post with the page token, and the handler still reads the whole form', async () => {
    const { client, token } = await withForm(notesApp());
    const res = await client.post('/notes', { form: { title: 'hi', csrf_token: token } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('saved hi');
    const typed = await client.post('/typed', { form: { title: 'zod', csrf_token: token } });
    expect(await typed.text()).toBe('typed zod');
  });

  it('refuses a post from another origin even with a valid token', async () => {
    const { client, token } = await withForm(notesApp());
    const res = await client.post('/notes', {
      form: { title: 'hi', csrf_token: token },
      headers: { origin: 'https://evil.example' },
    });
    expect(await errorOf(res)).toEqual([403, 'Origin https://evil.example does not match http://testserver']);
    const fetched = await client.post('/notes', {
      form: { title: 'hi', csrf_token: token },
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(await errorOf(fetched)).toEqual([403, 'Cross-site request refused (Sec-Fetch-Site: cross-site)']);
    const sibling = await client.post('/notes', {
      form: { title: 'hi', csrf_token: token },
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(await errorOf(sibling)).toEqual([403, 'Cross-site request refused (Sec-Fetch-Site: same-site)']);
  });

  it('lets same-origin requests through to the token check', async () => {
    const { client, token } = await withForm(notesApp());
    const sameOrigin = { origin: 'http://testserver', 'sec-fetch-site': 'same-origin' };
    const ok = await client.post('/notes', { form: { title: 'a', csrf_token: token }, headers: sameOrigin });
    expect(await ok.text()).toBe('saved a');
    const originOnly = await client.post('/notes', {
      form: { title: 'b', csrf_token: token },
      headers: { origin: 'http://TESTSERVER:80' },
    });
    expect(await originOnly.text()).toBe('saved b');
    const noToken = await client.post('/notes', { form: { title: 'c' }, headers: sameOrigin });
    expect(noToken.status).toBe(403);
  });

  it('lets CSRF_TRUSTED_ORIGINS post', async () => {
    const app = notesApp({ SECRET_KEY: SECRET, CSRF_TRUSTED_ORIGINS: ['https://admin.example/'] });
    const { client, token } = await withForm(app);
    const res = await client.post('/notes', {
      form: { title: 'hi', csrf_token: token },
      headers: { origin: 'https://admin.example', 'sec-fetch-site': 'same-site' },
    });
    expect(await res.text()).toBe('saved hi');
  });

  it("refuses a wrong token, another session's token, and a token without a session", async () => {
    const app = notesApp();
    const { client, token } = await withForm(app);
    const wrong = await client.post('/notes', {
      form: { title: 'x', csrf_token: `${token.slice(0, -2)}AA` },
    });
    expect(await errorOf(wrong)).toEqual([403, 'CSRF token invalid']);
    const other = await withForm(app);
    const stolen = await client.post('/notes', { form: { title: 'x', csrf_token: other.token } });
    expect(await errorOf(stolen)).toEqual([403, 'CSRF token invalid']);
    const fresh = createTestClient(app);
    const noSession = await fresh.post('/notes', { form: { title: 'x', csrf_token: token } });
    expect(await errorOf(noSession)).toEqual([
      403,
      'CSRF token invalid: the session has none (no session cookie: expired, or cookies blocked?)',
    ]);
  });

  it('takes the token from an X-CSRF-Token header and from a multipart form', async () => {
    const app = notesApp();
    app.put('/notes/1', async (c) => ({ updated: (await c.request.json<{ title: string }>()).title }));
    const { client, token } = await withForm(app);
    const res = await client.put('/notes/1', { json: { title: 'js' }, headers: { 'x-csrf-token': token } });
    expect(await res.json()).toEqual({ updated: 'js' });
    const form = new FormData();
    form.set('title', 'multi');
    form.set('csrf_token', token);
    expect(await (await client.post('/notes', { form })).text()).toBe('saved multi');
    const json = await client.put('/notes/1', { json: { title: 'js', csrf_token: token } });
    expect(json.status).toBe(403);
  });

  it('masks the token differently on every render, each one valid', async () => {
    const { client, token } = await withForm(notesApp());
    const second = csrfTokenFrom(await (await client.get('/new')).text());
    expect(second).not.toBe(token);
    expect(token).toMatch(/^[\w-]{86}$/);
    for (const each of [token, second]) {
      expect((await client.post('/notes', { form: { title: 't', csrf_token: each } })).status).toBe(200);
    }
  });

  it('leaves safe methods, unknown routes and apps without a SECRET_KEY alone', async () => {
    const app = notesApp();
    app.get('/search', () => 'results');
    const client = createTestClient(app);
    expect((await client.get('/search', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
    expect((await client.post('/missing', { form: { a: '1' } })).status).toBe(404);
    expect((await client.post('/search', { form: { a: '1' } })).status).toBe(405);
    const keyless = new Flagon();
    keyless.post('/hook', () => 'accepted');
    const res = await createTestClient(keyless).post('/hook', {
      headers: { origin: 'https://evil.example' },
    });
    expect(await res.text()).toBe('accepted');
  });

  it('is turned off per route with csrf: false, and per blueprint (nested ones too)', async () => {
    const app = notesApp();
    app.post('/webhook', { csrf: false }, () => 'hooked');
    const api = new Blueprint('api', { prefix: '/api', csrf: false });
    api.post('/items', () => 'item');
    api.post('/strict', { csrf: true }, () => 'strict');
    const v1 = new Blueprint('v1', { prefix: '/v1' });
    v1.delete('/items/:id', (c) => `deleted ${c.params.id}`);
    api.register(v1);
    app.register(api);
    const client = createTestClient(app);
    const evil = { origin: 'https://evil.example' };
    expect(await (await client.post('/webhook', { headers: evil })).text()).toBe('hooked');
    expect(await (await client.post('/api/items', { headers: evil })).text()).toBe('item');
    expect(await (await client.delete('/api/v1/items/3', { headers: evil })).text()).toBe('deleted 3');
    expect((await client.post('/api/strict')).status).toBe(403);
    expect((await client.post('/notes', { form: { title: 'x' } })).status).toBe(403);
  });

  it('raises a CSRFError an error handler may answer with its own page', async () => {
    const app = notesApp();
    app.errorHandler(CSRFError, (_c, error) =>
      html(`<p>${error.message}. Reload the form.</p>`, { status: 403 }),
    );
    const res = await createTestClient(app).post('/notes', { form: { title: 'x' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe(
      '<p>CSRF token missing (form field csrf_token or header X-CSRF-Token). Reload the form.</p>',
    );
  });

  it('finds no token in a page without one, and says so', () => {
    expect(() => csrfTokenFrom('<form></form>')).toThrow('the page has no csrf_token input');
    expect(csrfTokenFrom('<meta name="csrf-token" content="abc_-1">')).toBe('abc_-1');
  });
});
