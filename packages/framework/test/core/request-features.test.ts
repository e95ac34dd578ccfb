import { describe, expect, it, vi } from 'vitest';
import { abort, Blueprint, Flagon, json } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

describe('request features', () => {
  it('open runs before the before hooks and close after the after hooks, 404s included', async () => {
    const order: string[] = [];
    const app = new Flagon();
    app.addRequestFeature({
      name: 'outer',
      open: () => void order.push('outer.open'),
      close: (_c, response) => {
        order.push('outer.close');
        response.headers.set('x-outer', 'closed');
      },
    });
    app.addRequestFeature({
      name: 'inner',
      open: async () => void order.push('inner.open'),
      close: async () => void order.push('inner.close'),
    });
    app.before(() => void order.push('before'));
    app.after(() => void order.push('after'));
    app.get('/', () => {
      order.push('handler');
      return 'ok';
    });
    const t = await serve(app);
    const res = await t.request({ path: '/' });
    expect(await res.text()).toBe('ok');
    expect(res.header('x-outer')).toBe('closed');
    expect(order).toEqual([
      'outer.open',
      'inner.open',
      'before',
      'handler',
      'after',
      'inner.close',
      'outer.close',
    ]);
    const missing = await t.request({ path: '/nope' });
    expect(missing.status).toBe(404);
    expect(missing.header('x-outer')).toBe('closed');
  });

  it('an open that returns a value answers with it: hooks and handler skipped, close still runs', async () => {
    const seen: string[] = [];
    const app = new Flagon();
    app.addRequestFeature({
      name: 'guard',
      open: (c) => (c.scope.method === 'POST' ? json({ error: 'refused' }, { status: 403 }) : undefined),
      close: (_c, response) => void seen.push(`close ${response.status}`),
    });
    app.before(() => void seen.push('before'));
    app.post('/', () => 'created');
    const res = await (await serve(app)).request({ method: 'POST', path: '/' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: 'refused' });
    expect(seen).toEqual(['close 403']);
  });

  it('an error thrown by open or close goes through the error handlers', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.addRequestFeature({
      name: 'flaky',
      open: (c) => (c.scope.path === '/open' ? abort(401, 'no session') : undefined),
      close: (c) => {
        if (c.scope.path === '/close') throw new Error('store down');
      },
    });
    app.get('/open', () => 'never');
    app.get('/close', () => 'never sent');
    const t = await serve(app);
    const open = await t.request({ path: '/open' });
    expect(open.status).toBe(401);
    expect(await open.json()).toEqual({ error: 'no session' });
    const close = await t.request({ path: '/close' });
    expect(close.status).toBe(500);
    expect(await close.text()).not.toContain('never sent');
    expect(logger.lines).toEqual(['ERROR GET /close failed store down']);
  });

  it('closes a synchronous answer when every open and close is synchronous too', async () => {
    const app = new Flagon();
    app.addRequestFeature({
      name: 'stamp',
      open: () => undefined,
      close: (_c, response) => {
        response.headers.set('x-stamp', 'closed');
      },
    });
    app.get('/', () => 'plain');
    const res = await (await serve(app)).request({ path: '/' });
    expect([await res.text(), res.header('x-stamp')]).toEqual(['plain', 'closed']);
  });

  it('refuses a second feature of the same name', () => {
    const app = new Flagon();
    app.addRequestFeature({ name: 'sessions' });
    expect(app.hasRequestFeature('sessions')).toBe(true);
    expect(() => app.addRequestFeature({ name: 'sessions' })).toThrow(/already added/);
  });

  it('runs deferred cleanups after the response, also after an error, and logs one that fails', async () => {
    const logger = recordingLogger();
    const done: string[] = [];
    const app = new Flagon({ logger });
    app.get('/ok', (c) => {
      c.deferCleanup(() => void done.push('ok'));
      return 'fine';
    });
    app.get('/fails', (c) => {
      c.deferCleanup(async () => void done.push('after error'));
      c.deferCleanup(() => {
        throw new Error('rm failed');
      });
      throw new Error('handler broke');
    });
    const t = await serve(app);
    expect(await (await t.request({ path: '/ok' })).text()).toBe('fine');
    expect((await t.request({ path: '/fails' })).status).toBe(500);
    // The response is out before the cleanups run: wait for the request to end.
    await vi.waitFor(() => expect(done).toEqual(['ok', 'after error']));
    await vi.waitFor(() => expect(logger.lines).toHaveLength(2));
    expect(logger.lines).toEqual([
      'ERROR GET /fails failed handler broke',
      'ERROR GET /fails: a cleanup failed rm failed',
    ]);
  });
});

describe('root folder', () => {
  it('takes an absolute path or a file: URL and refuses a relative path', () => {
    expect(new Flagon({ root: '/srv/app' }).root).toBe('/srv/app');
    expect(new Flagon({ root: new URL('file:///srv/app/') }).root).toBe('/srv/app/');
    expect(new Flagon().root).toBeUndefined();
    expect(() => new Flagon({ root: 'app' })).toThrow(/root must be an absolute folder path/);
    expect(() => new Blueprint('admin', { root: './admin' })).toThrow(/Blueprint "admin": root must be/);
  });
});
