import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Send, SendEvent } from '@flagon/gateway';
import { ClientDisconnectedError, LifespanStartupError, SPEC_VERSION, startLifespan } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { Flagon, json, Response } from '../../src/index.js';
import { noBody, plainScope, recordingLogger, serve } from './helpers.js';

describe('the app as a gateway app', () => {
  it('is callable as (scope, receive, send) and keeps its methods and state', async () => {
    const app = new Flagon();
    app.get('/', () => 'hi');
    expect(typeof app).toBe('function');
    expect(app).toBeInstanceOf(Flagon);

    const events: SendEvent[] = [];
    const send: Send = async (event) => {
      events.push(event);
    };
    await app(plainScope('/'), noBody, send);
    expect(events).toEqual([
      {
        type: 'http.response.start',
        status: 200,
        headers: [
          ['content-type', 'text/html; charset=utf-8'],
          ['content-length', '2'],
        ],
      },
      { type: 'http.response.body', body: 'hi', more: false },
    ]);
  });

  it("rejects with the server's first refusal of a response, and leaves no rejection unobserved", async () => {
    const app = new Flagon();
    app.get('/', () => 'hi');
    const unobserved: unknown[] = [];
    const onUnhandled = (reason: unknown) => unobserved.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // A server that refuses each event with its own promise, one that refuses only the body, and one
      // that hands back one promise for both. The first refusal is the cause: the body refused after a
      // refused start would only say it came out of order.
      const refusing: Send = (event) => Promise.reject(new Error(`refused ${event.type}`));
      const bodyOnly: Send = (event) =>
        event.type === 'http.response.start' ? Promise.resolve() : Promise.reject(new Error('no body'));
      const scope = plainScope('/');
      await expect(app(scope, noBody, refusing)).rejects.toThrow('refused http.response.start');
      await expect(app(scope, noBody, bodyOnly)).rejects.toThrow('no body');
      // A start still pending while the body is refused: that refusal must not go unobserved meanwhile.
      const slowStart: Send = (event) =>
        event.type === 'http.response.start'
          ? new Promise((resolve) => setTimeout(resolve, 5))
          : Promise.reject(new Error('no body yet'));
      await expect(app(scope, noBody, slowStart)).rejects.toThrow('no body yet');
      const shared = Promise.reject(new Error('refused the response'));
      const sharing: Send = () => shared;
      await expect(app(scope, noBody, sharing)).rejects.toThrow('refused the response');
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unobserved).toEqual([]);
  });

  it('rejects with the disconnect when the client leaves during a routing error handler', async () => {
    const app = new Flagon();
    app.errorHandler(404, () => {
      throw new ClientDisconnectedError('client-closed'); // as reading the body of a gone client does
    });
    const sent: SendEvent[] = [];
    const send: Send = async (event) => {
      sent.push(event);
    };
    // The server then logs the app's end as a disconnect, not as a failure.
    await expect(app(plainScope('/nowhere'), noBody, send)).rejects.toBeInstanceOf(ClientDisconnectedError);
    expect(sent).toEqual([]);
  });

  it('keeps its properties fast under a transpiler that keeps function names', () => {
    // A function given a new `name` (tsx's keepNames does it) and then properties turns into a slow
    // dictionary in V8: the router and hooks were read through one on every request.
    const probe = fileURLToPath(new URL('./fixtures/app-properties-probe.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '--import', 'tsx', probe], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ fast: true });
  });

  it('rejects a scope type it does not know', async () => {
    const app = new Flagon();
    const scope = { type: 'websocket', gateway: { version: SPEC_VERSION } } as never;
    await expect(
      app(
        scope,
        async () => ({ type: 'lifespan.startup' }),
        async () => {},
      ),
    ).rejects.toThrow(/does not support scope type "websocket"/);
  });
});

describe('handler results', () => {
  it('sends a string as HTML, an object or array as JSON, bytes as octet-stream, a Response as is', async () => {
    const app = new Flagon();
    app.get('/html', () => '<p>é</p>');
    app.get('/object', () => ({ a: 1 }));
    app.get('/array', async () => [1, 2]);
    app.get('/bytes', () => new Uint8Array([1, 2, 3]));
    app.get('/response', () => new Response('made', { status: 202, headers: { 'x-made': 'yes' } }));
    const t = await serve(app);

    const page = await t.request({ path: '/html' });
    expect(page.header('content-type')).toBe('text/html; charset=utf-8');
    expect(page.header('content-length')).toBe('9');
    expect(await page.text()).toBe('<p>é</p>');

    const object = await t.request({ path: '/object' });
    expect(object.header('content-type')).toBe('application/json');
    expect(await object.json()).toEqual({ a: 1 });
    expect(await (await t.request({ path: '/array' })).json()).toEqual([1, 2]);

    const bytes = await t.request({ path: '/bytes' });
    expect(bytes.header('content-type')).toBe('application/octet-stream');
    expect([...(await bytes.bytes())]).toEqual([1, 2, 3]);

    const made = await t.request({ path: '/response' });
    expect(made.status).toBe(202);
    expect(made.header('x-made')).toBe('yes');
    expect(made.header('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('answers 500 and logs the handler name when a handler returns undefined', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/oops', function forgetful() {
      return undefined as unknown as string;
    });
    const res = await (await serve(app)).request({ path: '/oops' });
    expect(res.status).toBe(500);
    expect(logger.lines.join('\n')).toContain('handler "forgetful" returned undefined');
  });
});

describe('routing outcomes', () => {
  const app = new Flagon();
  app.get('/items', () => ['a']);
  app.post('/items', () => json({ created: true }, { status: 201 }));
  app.get('/docs/', () => 'docs');
  app.route('/things', { methods: ['PUT', 'PATCH'] }, (c) => c.request.method);

  it('answers HEAD from the GET route with the headers only', async () => {
    const res = await (await serve(app)).request({ method: 'HEAD', path: '/items' });
    expect(res.status).toBe(200);
    expect(res.header('content-length')).toBe('5');
    expect(await res.text()).toBe('');
  });

  it('answers OPTIONS automatically with Allow', async () => {
    const res = await (await serve(app)).request({ method: 'OPTIONS', path: '/items' });
    expect(res.status).toBe(204);
    expect(res.header('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(await res.text()).toBe('');
  });

  it('answers a known path with an unserved method 405 with Allow', async () => {
    const res = await (await serve(app)).request({ method: 'DELETE', path: '/things' });
    expect(res.status).toBe(405);
    expect(res.header('allow')).toBe('OPTIONS, PATCH, PUT');
    expect(await res.json()).toEqual({ error: 'Method Not Allowed' });
  });

  it('serves every method of route()', async () => {
    const t = await serve(app);
    expect(await (await t.request({ method: 'PATCH', path: '/things' })).text()).toBe('PATCH');
    expect(await (await t.request({ method: 'PUT', path: '/things' })).text()).toBe('PUT');
  });

  it('redirects a path missing its trailing slash with 308, keeping the query', async () => {
    const res = await (await serve(app)).request({ path: '/docs?page=2&q=a%20b' });
    expect(res.status).toBe(308);
    expect(res.header('location')).toBe('/docs/?page=2&q=a%20b');
  });

  it('prefixes the mount path (rootPath) to the slash redirect', async () => {
    const res = await (await serve(app, { rootPath: '/api' })).request({ path: '/docs' });
    expect(res.header('location')).toBe('/api/docs/');
  });

  it('answers an unknown path 404 with a JSON error', async () => {
    const res = await (await serve(app)).request({ path: '/nope' });
    expect(res.status).toBe(404);
    expect(res.header('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ error: 'Not Found' });
  });
});

describe('endpoint names', () => {
  it('rejects a second handler under a name already taken', () => {
    const app = new Flagon();
    app.get('/a', function show() {
      return 'a';
    });
    expect(() =>
      app.get('/b', function show() {
        return 'b';
      }),
    ).toThrow(/Endpoint name "show" is already used/);
    expect(() => app.get('/c', { name: 'show' }, () => 'c')).toThrow(/already used/);
  });

  it('lets one handler serve several routes under its name, and names anonymous handlers by method and path', () => {
    const app = new Flagon();
    function page() {
      return 'p';
    }
    app.get('/page', page).get('/page/:n', page);
    app.get('/anon', () => 'x');
    expect(app.urlFor('page')).toBe('/page');
    expect(app.urlFor('page', { n: 2 })).toBe('/page/2');
    expect(app.urlFor('GET /anon')).toBe('/anon');
  });

  it('appends the query to urlFor and throws for an unknown name', () => {
    const app = new Flagon();
    app.get('/items/:id', { name: 'item' }, (c) => c.params.id);
    expect(app.urlFor('item', { id: 'a b' }, { query: { tab: 'x', n: [1, 2] } })).toBe(
      '/items/a%20b?tab=x&n=1&n=2',
    );
    expect(() => app.urlFor('missing')).toThrow(/unknown endpoint "missing"/);
  });
});

describe('lifespan', () => {
  it('runs startup hooks in order, shares their state with requests, and shutdown hooks in reverse', async () => {
    const calls: string[] = [];
    const app = new Flagon<Record<string, unknown>, Record<string, unknown>, { db?: string }>();
    app.onStartup(async (state) => {
      calls.push('start db');
      state.db = 'connected';
    });
    app.onStartup(() => {
      calls.push('start cache');
    });
    app.onShutdown(() => {
      calls.push('stop db');
    });
    app.onShutdown(() => {
      calls.push('stop cache');
    });
    app.get('/db', (c) => ({ db: c.state.db }));
    const t = await serve(app);
    expect(calls).toEqual(['start db', 'start cache']);
    expect(await (await t.request({ path: '/db' })).json()).toEqual({ db: 'connected' });
    await t.close();
    expect(calls).toEqual(['start db', 'start cache', 'stop cache', 'stop db']);
  });

  it('reports a failing startup hook with its message and logs it', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.onStartup(() => {
      throw new Error('no database');
    });
    await expect(startLifespan(app)).rejects.toThrow(LifespanStartupError);
    await expect(startLifespan(app)).rejects.toThrow('no database');
    expect(logger.lines).toContain('ERROR lifespan startup hook failed no database');
  });

  it('runs every shutdown hook even when one fails, and reports the failure', async () => {
    const calls: string[] = [];
    const app = new Flagon({ logger: recordingLogger() });
    app.onShutdown(() => {
      calls.push('first');
    });
    app.onShutdown(() => {
      throw new Error('flush failed');
    });
    const lifespan = await startLifespan(app);
    await expect(lifespan.shutdown()).rejects.toThrow('flush failed');
    expect(calls).toEqual(['first']);
  });
});
