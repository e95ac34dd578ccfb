// Signed-cookie sessions through the public API, in memory: what a browser receives and sends back.
import { createTestClient } from '@flagon/framework/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Flagon } from '../../src/index.js';
import { useNodeHmac } from '../../src/sessions/hmac.js';
import { signValue } from '../../src/sessions/signed-value.js';
import { clientWithLog, cookiePayload, recordingLogger, SECRET, setCookieLine } from './helpers.js';

/** GET / counts visits in the session; GET /peek reads it without changing it; GET /plain ignores it. */
function counterApp(config: Record<string, unknown> = { SECRET_KEY: SECRET }) {
  const app = new Flagon({ config, logger: recordingLogger() });
  app.get('/', (c) => {
    const visits = ((c.session.get('visits') as number | undefined) ?? 0) + 1;
    c.session.set('visits', visits);
    return `visit ${visits}`;
  });
  app.get('/peek', (c) => `visits ${String(c.session.get('visits') ?? 0)}`);
  app.get('/plain', () => 'plain');
  app.get('/logout', (c) => {
    c.session.clear();
    return 'bye';
  });
  return app;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('signed-cookie sessions', () => {
  it('keeps values between requests in an HttpOnly, SameSite=Lax cookie, and varies by Cookie', async () => {
    const client = createTestClient(counterApp());
    const first = await client.get('/');
    expect(await first.text()).toBe('visit 1');
    expect(setCookieLine(first)).toMatch(
      /^session=[\w-]+\.[0-9a-z]+\.[\w-]{43}; Path=\/; Max-Age=2678400; HttpOnly; SameSite=Lax$/,
    );
    expect(first.headers.get('vary')).toBe('Cookie');
    expect(await (await client.get('/')).text()).toBe('visit 2');
    expect(await (await client.get('/peek')).text()).toBe('visits 2');
  });

  it('sets no cookie for an untouched session, and none for one only read', async () => {
    const client = createTestClient(counterApp());
    const plain = await client.get('/plain');
    expect(setCookieLine(plain)).toBeUndefined();
    expect(plain.headers.get('vary')).toBeNull();
    await client.get('/');
    const untouched = await client.get('/plain');
    expect(setCookieLine(untouched)).toBeUndefined();
    const read = await client.get('/peek');
    expect(await read.text()).toBe('visits 1');
    expect(setCookieLine(read)).toBeUndefined();
    expect(read.headers.get('vary')).toBe('Cookie');
  });

  it('saves a change made in an after hook', async () => {
    const app = counterApp();
    app.after((c, response) => {
      if (c.request.path === '/plain') c.session.set('seenPlain', true);
      return response;
    });
    const client = createTestClient(app);
    const res = await client.get('/plain');
    expect(cookiePayload(client.cookies.get('session') ?? '')).toEqual({ d: { seenPlain: true } });
    expect(setCookieLine(res)).toBeDefined();
  });

  it('deletes the cookie when the session is cleared', async () => {
    const client = createTestClient(counterApp());
    await client.get('/');
    const res = await client.get('/logout');
    expect(setCookieLine(res)).toMatch(
      /^session=; Path=\/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/,
    );
    expect(client.cookies.get('session')).toBeUndefined();
    expect(await (await client.get('/peek')).text()).toBe('visits 0');
  });

  it('marks the cookie Secure over https, or when SESSION_COOKIE_SECURE forces it', async () => {
    const https = createTestClient(counterApp(), { baseUrl: 'https://app.example' });
    expect(setCookieLine(await https.get('/'))).toMatch(/; Secure$/);
    const forced = createTestClient(counterApp({ SECRET_KEY: SECRET, SESSION_COOKIE_SECURE: true }));
    expect(setCookieLine(await forced.get('/'))).toMatch(/; Secure$/);
    const plainHttp = createTestClient(counterApp());
    expect(setCookieLine(await plainHttp.get('/'))).not.toMatch(/Secure/);
  });

  it('takes the cookie name and max age from the config', async () => {
    const app = counterApp({ SECRET_KEY: SECRET, SESSION_COOKIE_NAME: 'sid', SESSION_MAX_AGE: 3600 });
    const client = createTestClient(app);
    const res = await client.get('/');
    expect(setCookieLine(res, 'sid')).toMatch(/; Max-Age=3600;/);
    expect(await (await client.get('/')).text()).toBe('visit 2');
  });

  it('writes the cookie with the config as it is now, changed after the first cookie went out', async () => {
    const app = counterApp();
    const client = createTestClient(app);
    expect(setCookieLine(await client.get('/'))).toMatch(/; Max-Age=2678400; HttpOnly; SameSite=Lax$/);
    app.config.SESSION_MAX_AGE = 60;
    app.config.SESSION_COOKIE_SECURE = true;
    expect(setCookieLine(await client.get('/'))).toMatch(/; Max-Age=60; HttpOnly; SameSite=Lax; Secure$/);
    app.config.SESSION_COOKIE_NAME = 'sid';
    const renamed = await client.get('/');
    expect(await renamed.text()).toBe('visit 1');
    expect(setCookieLine(renamed, 'sid')).toMatch(
      /^sid=[\w.-]+; Path=\/; Max-Age=60; HttpOnly; SameSite=Lax; Secure$/,
    );
  });

  it('reads a tampered cookie as an empty session, and logs why at debug level', async () => {
    const app = counterApp();
    const { client, lines } = clientWithLog(app);
    await client.get('/');
    const [payload, rest] = splitOnce(client.cookies.get('session') ?? '');
    // The attacker's edit: 1 visit becomes 1000, the signature kept.
    const forged = Buffer.from(JSON.stringify({ d: { visits: 1000 } })).toString('base64url');
    expect(payload).not.toBe(forged);
    client.cookies.set('session', `${forged}.${rest}`);
    expect(await (await client.get('/peek')).text()).toBe('visits 0');
    expect(app.logger).toBeDefined();
    expect((app.logger as ReturnType<typeof recordingLogger>).lines).toEqual([
      'DEBUG session cookie "session" ignored: bad signature; the session starts empty',
    ]);
    expect(lines).toEqual([]);
  });

  it('reads a truncated cookie as an empty session', async () => {
    const app = counterApp();
    const client = createTestClient(app);
    await client.get('/');
    await client.get('/');
    const value = client.cookies.get('session') ?? '';
    for (const cut of [value.slice(0, -1), value.slice(0, value.lastIndexOf('.')), value.slice(0, 10), '']) {
      client.cookies.set('session', cut);
      expect(await (await client.get('/peek')).text()).toBe('visits 0');
    }
    const logged = (app.logger as ReturnType<typeof recordingLogger>).lines;
    expect(logged.slice(0, 3)).toEqual([
      'DEBUG session cookie "session" ignored: bad signature; the session starts empty',
      'DEBUG session cookie "session" ignored: malformed; the session starts empty',
      'DEBUG session cookie "session" ignored: malformed; the session starts empty',
    ]);
  });

  it('reads an expired cookie (older than SESSION_MAX_AGE) as an empty session', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = counterApp({ SECRET_KEY: SECRET, SESSION_MAX_AGE: 3600 });
    const client = createTestClient(app);
    await client.get('/');
    const cookie = client.cookies.get('session') ?? '';
    vi.setSystemTime(Date.now() + 3599 * 1000);
    expect(await (await client.get('/peek')).text()).toBe('visits 1');
    vi.setSystemTime(Date.now() + 2 * 1000);
    client.cookies.set('session', cookie); // a browser would have dropped it, a replaying attacker not
    expect(await (await client.get('/peek')).text()).toBe('visits 0');
    expect((app.logger as ReturnType<typeof recordingLogger>).lines).toEqual([
      'DEBUG session cookie "session" ignored: expired; the session starts empty',
    ]);
  });

  it('ignores a validly signed cookie over 4093 bytes, and refuses to write one', async () => {
    const app = counterApp();
    app.get('/big', (c) => {
      c.session.set('blob', 'x'.repeat(5000));
      return 'stored';
    });
    const client = createTestClient(app);
    const payload = Buffer.from(JSON.stringify({ d: { visits: 7, pad: 'y'.repeat(4000) } })).toString(
      'base64url',
    );
    const keys = { current: SECRET, fallbacks: [] };
    client.cookies.set('session', await signValue(payload, 'flagon.session', keys));
    expect(await (await client.get('/peek')).text()).toBe('visits 0');
    const logged = (app.logger as ReturnType<typeof recordingLogger>).lines;
    expect(logged).toEqual([
      'DEBUG session cookie "session" ignored: over 4093 bytes; the session starts empty',
    ]);
    logged.length = 0;
    client.cookies.delete('session');
    const big = await client.get('/big');
    expect(big.status).toBe(500);
    expect(setCookieLine(big)).toBeUndefined();
    expect(logged[0]).toMatch(
      /^ERROR GET \/big failed The session cookie would be \d+ bytes, over the 4093 browsers keep .*sessionStore/,
    );
  });

  it('refuses a cookie a fallback key did not sign, and accepts (and re-signs) one it did', async () => {
    const oldApp = counterApp({ SECRET_KEY: 'the-old-key' });
    const old = createTestClient(oldApp);
    await old.get('/');
    await old.get('/');
    const oldCookie = old.cookies.get('session') ?? '';

    const withoutFallback = createTestClient(counterApp({ SECRET_KEY: 'the-new-key' }));
    withoutFallback.cookies.set('session', oldCookie);
    expect(await (await withoutFallback.get('/peek')).text()).toBe('visits 0');

    const rotated = counterApp({ SECRET_KEY: 'the-new-key', SECRET_KEY_FALLBACKS: ['the-old-key'] });
    const client = createTestClient(rotated);
    client.cookies.set('session', oldCookie);
    const peek = await client.get('/peek');
    expect(await peek.text()).toBe('visits 2');
    // Signed again with the current key at once, though unchanged, so the old key can be retired.
    const resigned = client.cookies.get('session') ?? '';
    expect(setCookieLine(peek)).toBeDefined();
    expect(resigned).not.toBe(oldCookie);
    expect(await (await client.get('/')).text()).toBe('visit 3');

    const newOnly = createTestClient(counterApp({ SECRET_KEY: 'the-new-key' }));
    newOnly.cookies.set('session', client.cookies.get('session') ?? '');
    expect(await (await newOnly.get('/peek')).text()).toBe('visits 3');
  });

  it('reads a cookie whose values no longer fit the session schema as an empty session', async () => {
    const v1 = counterApp();
    const client = createTestClient(v1);
    await client.get('/');
    const v2 = new Flagon({
      config: { SECRET_KEY: SECRET },
      session: z.object({ visits: z.string() }),
      logger: recordingLogger(),
    });
    v2.get('/peek', (c) => `visits ${c.session.get('visits') ?? 'none'}`);
    const next = createTestClient(v2);
    next.cookies.set('session', client.cookies.get('session') ?? '');
    expect(await (await next.get('/peek')).text()).toBe('visits none');
    expect((v2.logger as ReturnType<typeof recordingLogger>).lines).toEqual([
      'DEBUG session cookie "session" ignored: its values do not fit the session schema; the session starts empty',
    ]);
  });
});

describe('the SECRET_KEY', () => {
  it('is needed at the first use of a session, with an error that says how to set one', async () => {
    const app = counterApp({});
    const res = await createTestClient(app).get('/', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal Server Error' });
    expect((app.logger as ReturnType<typeof recordingLogger>).lines[0]).toMatch(
      /^ERROR GET \/ failed Sessions need a SECRET_KEY: set app.config.SECRET_KEY to a long random string/,
    );
  });

  it('is not needed by an app that never uses the session, which ignores a session cookie', async () => {
    const app = counterApp({});
    const client = createTestClient(app);
    client.cookies.set('session', 'eyJkIjp7fX0.tpol9j.forged');
    const res = await client.get('/plain');
    expect(await res.text()).toBe('plain');
    expect(setCookieLine(res)).toBeUndefined();
    expect(app.hasRequestFeature('sessions')).toBe(false);
  });

  it('turns sessions on when set after the app was made', async () => {
    const app = counterApp({});
    app.config.update({ SECRET_KEY: SECRET });
    const client = createTestClient(app);
    await client.get('/');
    expect(await (await client.get('/')).text()).toBe('visit 2');
  });

  it('refuses settings that would break sessions, without echoing a secret', () => {
    expect(() => new Flagon({ config: { SECRET_KEY: '' } })).toThrow(
      'SECRET_KEY must be a non-empty string (a long random one), got ""',
    );
    expect(() => new Flagon({ config: { SECRET_KEY: 42 } })).toThrow('got number');
    expect(() => new Flagon({ config: { SESSION_MAX_AGE: 0 } })).toThrow(
      'SESSION_MAX_AGE must be a positive whole number of seconds, got 0',
    );
    expect(() => new Flagon({ config: { SESSION_COOKIE_NAME: 'my session' } })).toThrow(/cookie name/);
    expect(() => new Flagon({ config: { SECRET_KEY_FALLBACKS: 'old' } })).toThrow(
      /list of non-empty strings/,
    );
    const app = new Flagon();
    app.config.fromEnv('APP_', { APP_SECRET_KEY_FALLBACKS: '["a","b"]', APP_SESSION_MAX_AGE: '60' });
    expect(app.config.SECRET_KEY_FALLBACKS).toEqual(['a', 'b']);
    expect(app.config.SESSION_MAX_AGE).toBe(60);
  });
});

function splitOnce(value: string): [string, string] {
  const dot = value.indexOf('.');
  return [value.slice(0, dot), value.slice(dot + 1)];
}

describe('the HMAC behind the cookie', () => {
  afterEach(() => {
    useNodeHmac(true);
  });

  it('is the same through Web Crypto alone (runtimes without node:crypto) as through node:crypto', async () => {
    const app = counterApp();
    const client = createTestClient(app);
    expect(useNodeHmac(true)).toBe(true);
    await client.get('/');
    const byNode = client.cookies.get('session') ?? '';
    expect(useNodeHmac(false)).toBe(false);
    expect(await (await client.get('/')).text()).toBe('visit 2');
    const byWeb = client.cookies.get('session') ?? '';
    expect(useNodeHmac(true)).toBe(true);
    expect(await (await client.get('/peek')).text()).toBe('visits 2');
    useNodeHmac(false);
    client.cookies.set(
      'session',
      `${byWeb.slice(0, byWeb.lastIndexOf('.'))}.${byNode.slice(byNode.lastIndexOf('.') + 1)}`,
    );
    expect(await (await client.get('/peek')).text()).toBe('visits 0');
    expect((app.logger as ReturnType<typeof recordingLogger>).lines).toEqual([
      'DEBUG session cookie "session" ignored: bad signature; the session starts empty',
    ]);
  });
});
