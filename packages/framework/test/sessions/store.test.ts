// Server-side sessions: the cookie holds a signed id, the values stay in the store.
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { Flagon, MemorySessionStore, type SessionRecord, type SessionStore } from '../../src/index.js';
import { recordingLogger, SECRET } from './helpers.js';

function storeApp(store: SessionStore, config: Record<string, unknown> = { SECRET_KEY: SECRET }) {
  const app = new Flagon({ config, sessionStore: store, logger: recordingLogger() });
  app.post('/login', { csrf: false }, (c) => {
    c.session.clear();
    c.session.set('userId', 7);
    return 'in';
  });
  app.get('/me', (c) => ({ userId: c.session.get('userId') ?? null }));
  app.post('/logout', { csrf: false }, (c) => {
    c.session.clear();
    return 'out';
  });
  return app;
}

describe('a session store', () => {
  it('keeps the values on the server and only a signed id in the cookie', async () => {
    const store = new MemorySessionStore();
    const client = createTestClient(storeApp(store));
    await client.post('/login');
    const cookie = client.cookies.get('session') ?? '';
    const [id] = cookie.split('.');
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(store.get(id!)).toEqual({ d: { userId: 7 } });
    expect(cookie).not.toContain(Buffer.from('userId').toString('base64url').slice(0, 4));
    expect(await (await client.get('/me')).json()).toEqual({ userId: 7 });
  });

  it('gives a cleared session a new id and destroys the old record (no session fixation)', async () => {
    const store = new MemorySessionStore();
    const client = createTestClient(storeApp(store));
    await client.post('/login');
    const firstId = (client.cookies.get('session') ?? '').split('.')[0]!;
    await client.post('/login');
    const secondId = (client.cookies.get('session') ?? '').split('.')[0]!;
    expect(secondId).not.toBe(firstId);
    expect(store.get(firstId)).toBeUndefined();
    expect(store.size).toBe(1);
    const out = await client.post('/logout');
    expect(out.headers.getSetCookie()[0]).toMatch(/^session=; Path=\/; Max-Age=0/);
    expect(store.size).toBe(0);
  });

  it('reads an id the store no longer has, or a forged id, as an empty session', async () => {
    const store = new MemorySessionStore();
    const app = storeApp(store);
    const client = createTestClient(app);
    await client.post('/login');
    const cookie = client.cookies.get('session') ?? '';
    store.destroy(cookie.split('.')[0]!);
    expect(await (await client.get('/me')).json()).toEqual({ userId: null });
    client.cookies.set('session', `${'A'.repeat(43)}${cookie.slice(43)}`);
    expect(await (await client.get('/me')).json()).toEqual({ userId: null });
    expect((app.logger as ReturnType<typeof recordingLogger>).lines).toEqual([
      'DEBUG session cookie "session" ignored: no stored session under its id (expired or destroyed); the session starts empty',
      'DEBUG session cookie "session" ignored: bad signature; the session starts empty',
    ]);
  });

  it('hands the store SESSION_MAX_AGE, and works with an asynchronous store', async () => {
    const saved = new Map<string, [SessionRecord, number]>();
    const store: SessionStore = {
      get: async (id) => saved.get(id)?.[0],
      set: async (id, record, maxAge) => void saved.set(id, [structuredClone(record), maxAge]),
      destroy: async (id) => void saved.delete(id),
    };
    const client = createTestClient(storeApp(store, { SECRET_KEY: SECRET, SESSION_MAX_AGE: 600 }));
    await client.post('/login');
    expect([...saved.values()]).toEqual([[{ d: { userId: 7 } }, 600]]);
    expect(await (await client.get('/me')).json()).toEqual({ userId: 7 });
  });

  it('still needs a SECRET_KEY to sign the id', async () => {
    const app = storeApp(new MemorySessionStore(), {});
    expect(app.hasRequestFeature('csrf')).toBe(true);
    const res = await createTestClient(app).post('/login');
    expect(res.status).toBe(500);
    expect((app.logger as ReturnType<typeof recordingLogger>).lines[0]).toMatch(/Sessions need a SECRET_KEY/);
  });
});
