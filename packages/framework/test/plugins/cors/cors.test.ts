// The CORS plugin through the public API, in memory: preflights answered before any handler, the headers
// a browser reads, Vary, and the options refused at setup.
import { Flagon } from '@flagon/framework';
import { cors } from '@flagon/framework/cors';
import { createTestClient } from '@flagon/framework/testing';
import { createLogger } from '@flagon/gateway/core';
import { describe, expect, it } from 'vitest';

const APP = 'https://app.example';
const EVIL = 'https://evil.example';

/** An app with only a POST route (no OPTIONS one) and a GET, counting what reached a handler. */
function appWith(plugin: ReturnType<typeof cors>) {
  const reached: string[] = [];
  const app = new Flagon().use(plugin);
  app.before((c) => {
    reached.push(`${c.request.method} ${c.request.path}`);
  });
  app.post('/notes', () => ({ saved: true }));
  app.get('/notes', () => [{ id: 1 }]);
  app.route('/raw', { methods: ['OPTIONS'] }, () => 'own options');
  return { app, reached, client: createTestClient(app) };
}

function preflight(origin: string, method = 'POST', extra: Record<string, string> = {}) {
  return { headers: { origin, 'access-control-request-method': method, ...extra } };
}

describe('cors: preflight', () => {
  it('answers a preflight for a POST-only route with 204, without reaching a hook or handler', async () => {
    const { client, reached } = appWith(cors({ origin: [APP], maxAge: 600 }));
    const res = await client.options(
      '/notes',
      preflight(APP, 'POST', { 'access-control-request-headers': 'content-type, x-token' }),
    );
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-methods': 'GET, HEAD, PUT, PATCH, POST, DELETE',
      'access-control-allow-headers': 'content-type, x-token',
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Headers',
    });
    expect(res.headers.has('access-control-allow-credentials')).toBe(false);
    expect(reached).toEqual([]);
  });

  it('answers a preflight for a path with no route at all, and one with its own OPTIONS route', async () => {
    const { client, reached } = appWith(cors({ origin: APP }));
    for (const path of ['/nowhere', '/raw']) {
      const res = await client.options(path, preflight(APP, 'PUT'));
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin'), path).toBe(APP);
    }
    expect(reached).toEqual([]);
    // A plain OPTIONS (no Access-Control-Request-Method) is no preflight: the app answers it.
    const own = await client.options('/raw', { headers: { origin: APP } });
    expect(await own.text()).toBe('own options');
    expect(own.headers.get('access-control-allow-origin')).toBe(APP);
    const automatic = await client.options('/notes');
    expect([automatic.status, automatic.headers.get('allow')]).toEqual([204, 'GET, HEAD, OPTIONS, POST']);
  });

  it('gives a disallowed origin a 204 with no CORS header, so the browser fails the preflight', async () => {
    const { client, reached } = appWith(cors({ origin: [APP, /^https:\/\/[a-z]+\.app\.example$/] }));
    const res = await client.options('/notes', preflight(EVIL));
    expect(res.status).toBe(204);
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(res.headers.get('vary')).toBe('Origin');
    const sub = await client.options('/notes', preflight('https://eu.app.example'));
    expect(sub.headers.get('access-control-allow-origin')).toBe('https://eu.app.example');
    // The pattern is anchored by the user; a lookalike host is not let in.
    const lookalike = await client.options('/notes', preflight('https://eu.app.example.evil.example'));
    expect(lookalike.headers.has('access-control-allow-origin')).toBe(false);
    expect(reached).toEqual([]);
  });

  it('sends the configured methods, headers and credentials, and private network access when asked', async () => {
    const { client } = appWith(
      cors({
        origin: APP,
        methods: ['GET', 'POST'],
        allowedHeaders: ['Content-Type', 'Authorization'],
        credentials: true,
        privateNetwork: true,
      }),
    );
    const res = await client.options(
      '/notes',
      preflight(APP, 'POST', {
        'access-control-request-headers': 'x-anything',
        'access-control-request-private-network': 'true',
      }),
    );
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'Content-Type, Authorization',
      'access-control-allow-private-network': 'true',
      vary: 'Origin',
    });
    expect(res.headers.has('access-control-max-age')).toBe(false);
    const withoutAsk = await client.options('/notes', preflight(APP));
    expect(withoutAsk.headers.has('access-control-allow-private-network')).toBe(false);
    const off = appWith(cors({ origin: APP })).client;
    const notOn = await off.options(
      '/notes',
      preflight(APP, 'POST', { 'access-control-request-private-network': 'true' }),
    );
    expect(notOn.headers.has('access-control-allow-private-network')).toBe(false);
  });
});

describe('cors: responses', () => {
  it("with origin '*' (the default): Access-Control-Allow-Origin: * and no Vary, as nothing depends on it", async () => {
    const { client } = appWith(cors());
    const res = await client.get('/notes', { headers: { origin: EVIL } });
    expect(await res.json()).toEqual([{ id: 1 }]);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.has('vary')).toBe(false);
    const pre = await client.options('/notes', preflight(EVIL));
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('reflects an allowed origin with the exposed headers, and Vary: Origin on every response', async () => {
    const { client } = appWith(cors({ origin: [APP], exposedHeaders: ['X-Total-Count'], credentials: true }));
    const res = await client.get('/notes', { headers: { origin: APP } });
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'X-Total-Count',
      vary: 'Origin',
    });
    // Without an Origin, or from another one: no CORS header, and still Vary (a cache must not serve
    // this copy to an allowed origin, nor the allowed copy to others).
    const cases: Record<string, string>[] = [{}, { origin: EVIL }, { origin: 'null' }];
    for (const headers of cases) {
      const other = await client.get('/notes', { headers });
      expect(await other.json()).toEqual([{ id: 1 }]);
      expect([...other.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(other.headers.get('vary')).toBe('Origin');
    }
  });

  it('adds its headers to error responses and 404s, and keeps a Vary the handler set', async () => {
    const logged: string[] = [];
    const app = new Flagon({ logger: createLogger('error', (line) => logged.push(line)) }).use(
      cors({ origin: APP }),
    );
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.get('/varied', () => ({ ok: true }));
    app.after((_c, response) => {
      response.headers.append('vary', 'Accept-Encoding');
    });
    const client = createTestClient(app);
    for (const path of ['/boom', '/missing', '/varied']) {
      const res = await client.get(path, { headers: { origin: APP } });
      expect(res.headers.get('access-control-allow-origin'), path).toBe(APP);
      expect(res.headers.get('vary'), path).toBe('Accept-Encoding, Origin');
    }
    expect(logged.join('\n')).toContain('boom');
  });

  it('asks an origin function, sync or async, with the request context', async () => {
    const asked: string[] = [];
    const allowList = new Set([APP]);
    for (const decide of [
      (origin: string) => allowList.has(origin),
      async (origin: string) => {
        await Promise.resolve();
        return allowList.has(origin);
      },
    ]) {
      const { client, reached } = appWith(
        cors({
          origin: (origin, c) => {
            asked.push(`${c.request.method} ${origin}`);
            return decide(origin);
          },
        }),
      );
      expect(
        (await client.get('/notes', { headers: { origin: APP } })).headers.get('access-control-allow-origin'),
      ).toBe(APP);
      expect(
        (await client.get('/notes', { headers: { origin: EVIL } })).headers.has(
          'access-control-allow-origin',
        ),
      ).toBe(false);
      expect(
        (await client.options('/notes', preflight(APP))).headers.get('access-control-allow-origin'),
      ).toBe(APP);
      expect(
        (await client.options('/notes', preflight(EVIL))).headers.has('access-control-allow-origin'),
      ).toBe(false);
      expect((await client.get('/notes')).headers.get('vary')).toBe('Origin');
      expect(reached).toEqual(['GET /notes', 'GET /notes', 'GET /notes']);
    }
    expect(asked).toEqual([
      ...[`GET ${APP}`, `GET ${EVIL}`, `OPTIONS ${APP}`, `OPTIONS ${EVIL}`],
      ...[`GET ${APP}`, `GET ${EVIL}`, `OPTIONS ${APP}`, `OPTIONS ${EVIL}`],
    ]);
  });
});

describe('cors: setup', () => {
  it("refuses credentials with origin '*', saying why", () => {
    expect(() => cors({ credentials: true })).toThrow(TypeError);
    expect(() => cors({ origin: '*', credentials: true })).toThrow(
      "cors: credentials: true cannot go with origin '*': browsers refuse a credentialed response that allows any origin",
    );
  });

  it('refuses origins no browser sends, a * in a list, bad names and a bad maxAge', () => {
    expect(() => cors({ origin: 'https://app.example/' })).toThrow(
      'cors: "https://app.example/" is not an origin: browsers send scheme://host[:port] with no path or trailing slash',
    );
    expect(() => cors({ origin: ['app.example'] })).toThrow('"app.example" is not an origin');
    expect(() => cors({ origin: [APP, '*'] })).toThrow("'*' in a list of origins would allow any origin");
    expect(() => cors({ methods: ['GET POST'] })).toThrow('cors: methods holds "GET POST"');
    expect(() => cors({ allowedHeaders: ['x-a\r\nx-b'] })).toThrow('cors: allowedHeaders holds');
    expect(() => cors({ maxAge: -1 })).toThrow('cors: maxAge must be a whole number of seconds, got -1');
    expect(() => cors({ origin: [APP, 'null', /^https:\/\/x\.example$/] })).not.toThrow();
  });

  it('is a global plugin: refused on a blueprint, refused twice', async () => {
    const { Blueprint } = await import('@flagon/framework');
    expect(() => new Blueprint('api').use(cors())).toThrow('Plugin "cors" works on the whole app');
    expect(() => new Flagon().use(cors()).use(cors())).toThrow('Plugin "cors" is already used on the app');
  });
});
