import type { SendEvent } from '@flagon/gateway';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Flagon, json } from '../../src/index.js';
import { noBody, plainScope, recordingLogger, serve } from './helpers.js';

// Features (sessions, CSRF, CORS, request id, security headers) are on most apps' every request: one whose
// open and close are synchronous must keep dispatch's synchronous path, and one that is not must still
// end the same way.

/** How many microtask turns pass before `app` has answered `GET /` (a sync send, counted the same). */
async function turnsToAnswer(app: Flagon, sent: SendEvent[]): Promise<number> {
  let settled = false;
  void app(plainScope('/'), noBody, async (message) => void sent.push(message)).then(() => {
    settled = true;
  });
  let turns = 0;
  // Bounded: a path that needs more than this many turns is far off the synchronous one anyway.
  while (!settled && turns < 50) {
    await Promise.resolve();
    turns++;
  }
  return turns;
}

/** An app whose every request goes through a feature that stamps the response in its close. */
function stampedApp(close: (headers: { set(name: string, value: string): void }) => void | Promise<void>) {
  const logger = recordingLogger();
  const app = new Flagon({ logger });
  app.addRequestFeature({ name: 'stamp', open: () => undefined, close: (_c, r) => close(r.headers) });
  app.get('/', () => 'plain');
  return { app, logger };
}

describe('request features on the synchronous path', () => {
  it('costs no more promise turns than an app without features when every close is synchronous', async () => {
    const bare = new Flagon();
    bare.get('/', () => 'plain');
    const { app } = stampedApp((headers) => headers.set('x-stamp', 'closed'));
    const sent: SendEvent[] = [];
    const turns = [await turnsToAnswer(bare, []), await turnsToAnswer(app, sent)];
    expect(turns[1]).toBe(turns[0]);
    const start = sent[0] as Extract<SendEvent, { type: 'http.response.start' }>;
    expect(start.headers).toContainEqual(['x-stamp', 'closed']);
  });

  it('waits for a close that returns a promise, and sends what it set', async () => {
    const { app } = stampedApp(async (headers) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      headers.set('x-stamp', 'later');
    });
    const res = await (await serve(app)).request({ path: '/' });
    expect([res.status, await res.text(), res.header('x-stamp')]).toEqual([200, 'plain', 'later']);
  });

  it('answers a close that rejects with a 500, logged, without its stack', async () => {
    const { app, logger } = stampedApp(async () => {
      throw new Error('store down');
    });
    const res = await (await serve(app)).request({ path: '/' });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('store down');
    expect(logger.lines).toEqual(['ERROR GET / failed store down']);
  });

  it('runs the cleanup and the waitUntil task a synchronous close left', async () => {
    const done: string[] = [];
    const app = new Flagon();
    app.addRequestFeature({
      name: 'deferring',
      close: (c) => {
        c.deferCleanup(() => void done.push('cleanup'));
        c.waitUntil(Promise.resolve().then(() => void done.push('task')));
      },
    });
    app.get('/', () => 'plain');
    const res = await (await serve(app)).request({ path: '/' });
    expect(await res.text()).toBe('plain');
    await vi.waitFor(() => expect(done.sort()).toEqual(['cleanup', 'task']));
  });
});

describe('before hooks on the synchronous path', () => {
  it('costs no more promise turns than an app without hooks when the hooks are synchronous', async () => {
    const bare = new Flagon();
    bare.get('/', () => 'plain');
    const guarded = new Flagon();
    const seen: string[] = [];
    guarded.before(() => void seen.push('first'));
    guarded.before(() => void seen.push('second'));
    guarded.get('/', () => 'plain');
    const turns = [await turnsToAnswer(bare, []), await turnsToAnswer(guarded, [])];
    expect(turns[1]).toBe(turns[0]);
    expect(seen).toEqual(['first', 'second']);
  });

  it('waits for a hook that returns a promise or a thenable, then runs the next one', async () => {
    const app = new Flagon();
    const seen: string[] = [];
    app.before(async () => void seen.push('async'));
    // A thenable that is no Promise: `await` took it, and so must the synchronous path.
    // biome-ignore lint/suspicious/noThenProperty: the thenable is the point of the test
    app.before(() => ({ then: (resolve: (value: unknown) => void) => resolve(undefined) }));
    app.before((c) => (c.scope.path === '/stop' ? Promise.resolve('stopped by a hook') : undefined));
    app.get('/', () => 'handler');
    app.get('/stop', () => 'never');
    const t = await serve(app);
    expect(await (await t.request({ path: '/' })).text()).toBe('handler');
    expect(await (await t.request({ path: '/stop' })).text()).toBe('stopped by a hook');
    expect(seen).toEqual(['async', 'async']);
  });

  it('answers a synchronous throw through the error handlers', async () => {
    const app = new Flagon();
    app.before(() => {
      throw new Error('refused');
    });
    app.errorHandler(Error, () => json({ error: 'handled' }, { status: 418 }));
    app.get('/', () => 'never');
    const res = await (await serve(app)).request({ path: '/' });
    expect([res.status, await res.json()]).toEqual([418, { error: 'handled' }]);
  });
});

describe('validated routes on the synchronous path', () => {
  /** `GET /?limit=...` against a route whose query schema coerces `limit`, answered through `c.query`. */
  function queryApp() {
    const app = new Flagon();
    app.get('/', { query: z.object({ limit: z.coerce.number().int().max(100) }) }, (c) => ({
      limit: c.query.limit,
    }));
    return app;
  }

  it('costs no more promise turns for a query schema than a route without one', async () => {
    const bare = new Flagon();
    bare.get('/', () => ({ limit: 10 }));
    const validated = queryApp();
    const sent: SendEvent[] = [];
    let settled = false;
    void validated({ ...plainScope('/'), queryString: 'limit=10' }, noBody, async (message) => {
      sent.push(message);
    }).then(() => {
      settled = true;
    });
    let turns = 0;
    while (!settled && turns < 50) {
      await Promise.resolve();
      turns++;
    }
    expect(turns).toBe(await turnsToAnswer(bare, []));
    const { body } = sent.find((event) => event.type === 'http.response.body') as {
      body: string | Uint8Array;
    };
    expect(typeof body === 'string' ? body : new TextDecoder().decode(body)).toBe('{"limit":10}');
  });

  it('still answers a failed check with the 422 and its issues, and an async handler with its value', async () => {
    const app = queryApp();
    app.get('/later', { query: z.object({ n: z.coerce.number() }) }, async (c) => ({ n: c.query.n + 1 }));
    const t = await serve(app);
    const refused = await t.request({ path: '/?limit=1000' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ issues: [{ path: ['query', 'limit'] }] });
    expect(await (await t.request({ path: '/later?n=1' })).json()).toEqual({ n: 2 });
  });
});
