// The auth plugin through the public API: login, logout, c.user, the guard, remember-me.
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Blueprint, Flagon, MemorySessionStore } from '@flagon/framework';
import { auth, localRedirect } from '@flagon/framework/auth';
import { createTestClient, type TestClient } from '@flagon/framework/testing';
import { toNodeHandler } from '@flagon/gateway';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { recordingLogger } from '../../core/helpers.js';

const SECRET_KEY = 'auth-test-secret-key-long-enough-to-sign';

interface User {
  id: number;
  name: string;
}

const users = new Map<string, User>([
  ['1', { id: 1, name: 'Ada' }],
  ['2', { id: 2, name: 'Bob' }],
]);

function notesApp(options: { store?: MemorySessionStore } = {}) {
  const authn = auth({ loadUser: (id) => users.get(id) ?? null, userId: (user: User) => user.id });
  const app = new Flagon({
    config: { SECRET_KEY },
    logger: recordingLogger(),
    sessionStore: options.store,
  }).use(authn);
  // The test logs in by id over GET with a token the test knows: the login form itself is the app's.
  app.get('/token', (c) => c.csrfToken());
  app.post('/login/:id', (c) => {
    const user = users.get(c.params.id);
    if (user === undefined) return { error: 'no such user' };
    authn.login(c, user, { remember: c.query.get('remember') === '1' });
    flashAfterLogin(c);
    return { user: c.user?.name, fresh: authn.isFresh(c) };
  });
  app.post('/logout', (c) => {
    authn.logout(c);
    return { user: c.user };
  });
  app.get('/me', (c) => {
    expectTypeOf(c.user).toEqualTypeOf<User | null>();
    return { user: c.user?.name ?? null, fresh: authn.isFresh(c) };
  });
  const notes = new Blueprint<{}, {}, {}, {}, { user: User | null }>('notes', { prefix: '/notes' });
  notes.before(authn.loginRequired);
  notes.get('/', (c) => ({ notes: `of ${c.user?.name}` }));
  app.register(notes);
  return { app, authn };
}

function flashAfterLogin(c: { flash(message: string): void }): void {
  c.flash('Welcome back');
}

async function logIn(client: TestClient, id: string, query = ''): Promise<Record<string, unknown>> {
  const token = await (await client.get('/token')).text();
  const res = await client.post(`/login/${id}${query}`, { headers: { 'x-csrf-token': token } });
  expect(res.status).toBe(200);
  return res.json();
}

describe('auth', () => {
  it('logs a user in and out, with c.user typed by loadUser', async () => {
    const client = createTestClient(notesApp().app);
    expect(await (await client.get('/me')).json()).toEqual({ user: null, fresh: false });
    expect(await logIn(client, '1')).toEqual({ user: 'Ada', fresh: true });
    expect(await (await client.get('/me')).json()).toEqual({ user: 'Ada', fresh: true });
    const token = await (await client.get('/token')).text();
    const out = await client.post('/logout', { headers: { 'x-csrf-token': token } });
    expect(await out.json()).toEqual({ user: null });
    expect(await (await client.get('/me')).json()).toEqual({ user: null, fresh: false });
  });

  it('starts a new server-side session at login (no fixation)', async () => {
    const client = createTestClient(notesApp({ store: new MemorySessionStore() }).app);
    await client.get('/token');
    const before = client.cookies.get('session');
    expect(before).toBeDefined();
    await logIn(client, '2');
    const after = client.cookies.get('session');
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    // The planted cookie no longer logs anyone in.
    const attacker = createTestClient(notesApp().app);
    attacker.cookies.set('session', before ?? '');
    expect(await (await attacker.get('/me')).json()).toEqual({ user: null, fresh: false });
  });

  it('guards a blueprint: a browser is sent to the login page, an API client gets 401', async () => {
    const client = createTestClient(notesApp().app);
    const page = await client.get('/notes/?sort=new', {
      headers: { accept: 'text/html' },
      follow: false,
    });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fnotes%2F%3Fsort%3Dnew');
    const api = await client.get('/notes/', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: 'Unauthorized', message: 'Log in to use this' });
    await logIn(client, '1');
    expect(await (await client.get('/notes/')).json()).toEqual({ notes: 'of Ada' });
  });

  it('remembers a browser past its session, and forgets it on logout or tampering', async () => {
    const client = createTestClient(notesApp().app);
    await logIn(client, '2', '?remember=1');
    const remember = client.cookies.get('remember_token');
    expect(remember).toMatch(/^2\./);
    // A new browser session: only the remember-me cookie is left.
    client.cookies.delete('session');
    expect(await (await client.get('/me')).json()).toEqual({ user: 'Bob', fresh: false });
    const forged = createTestClient(notesApp().app);
    forged.cookies.set('remember_token', (remember ?? '').replace(/^2\./, '1.'));
    expect(await (await forged.get('/me')).json()).toEqual({ user: null, fresh: false });
    const token = await (await client.get('/token')).text();
    const out = await client.post('/logout', { headers: { 'x-csrf-token': token } });
    expect(out.headers.getSetCookie().some((line) => /^remember_token=;.*Max-Age=0/i.test(line))).toBe(true);
    expect(client.cookies.get('remember_token')).toBeUndefined();
  });

  it('logs out a session whose user is gone', async () => {
    const { app } = notesApp();
    const client = createTestClient(app);
    users.set('3', { id: 3, name: 'Cy' });
    await logIn(client, '3');
    users.delete('3');
    expect(await (await client.get('/me')).json()).toEqual({ user: null, fresh: false });
  });

  it('is a compile error to guard routes of an app without auth', () => {
    const { authn } = notesApp();
    // @ts-expect-error: this app has no c.user
    new Flagon().before(authn.loginRequired);
  });

  it('keeps next= on this site', () => {
    expect(localRedirect('/notes?page=2')).toBe('/notes?page=2');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', '/\tx', null])
      expect(localRedirect(bad)).toBeUndefined();
  });
});

describe('auth over a socket', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('redirects a browser and lets the logged-in one in', async () => {
    const server = createServer(toNodeHandler(notesApp().app));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    close = () => server.close();
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await fetch(`${base}/notes/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([302, '/login?next=%2Fnotes%2F']);
    const tokenRes = await fetch(`${base}/token`);
    const cookie = tokenRes.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const login = await fetch(`${base}/login/1`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': await tokenRes.text() },
    });
    expect(await login.json()).toEqual({ user: 'Ada', fresh: true });
    expect(login.headers.getSetCookie()).toHaveLength(1);
    const session = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const notes = await fetch(`${base}/notes/`, { headers: { cookie: session } });
    expect(await notes.json()).toEqual({ notes: 'of Ada' });
  });
});
