import { describe, expect, it } from 'vitest';
import { abort, Flagon, HTTPException, json, Response } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

class PaymentRequired extends Error {}
class CardDeclined extends PaymentRequired {}

describe('errors', () => {
  it('turns abort() into its status with a JSON error, headers included', async () => {
    const app = new Flagon();
    app.get('/private', () => abort(401, 'Log in first', { headers: { 'www-authenticate': 'Bearer' } }));
    app.get('/gone', () => abort(410));
    const t = await serve(app);
    const res = await t.request({ path: '/private' });
    expect(res.status).toBe(401);
    expect(res.header('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({ error: 'Log in first' });
    expect(await (await t.request({ path: '/gone' })).json()).toEqual({ error: 'Gone' });
  });

  it('renders an HTML page for clients that prefer text/html, escaping the message', async () => {
    const app = new Flagon();
    app.get('/x', () => abort(403, '<no> & "never"'));
    const res = await (await serve(app)).request({
      path: '/x',
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(res.status).toBe(403);
    expect(res.header('content-type')).toBe('text/html; charset=utf-8');
    const page = await res.text();
    expect(page).toContain('<title>403 Forbidden</title>');
    expect(page).toContain('<p>&lt;no&gt; &amp; &quot;never&quot;</p>');
  });

  it('keeps JSON for clients that rank JSON first or accept anything', async () => {
    const app = new Flagon();
    const t = await serve(app);
    for (const accept of ['*/*', 'application/json, text/html;q=0.9', 'text/html;q=0.5, */*']) {
      const res = await t.request({ path: '/missing', headers: { accept } });
      expect(res.header('content-type')).toBe('application/json');
    }
    const html = await t.request({ path: '/missing', headers: { accept: 'text/*, application/json;q=0.5' } });
    expect(html.header('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers an unhandled error 500 without its stack, and logs it in full', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/boom', () => {
      throw new Error('secret detail');
    });
    const t = await serve(app);
    const res = await t.request({ path: '/boom' });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: 'Internal Server Error' });
    expect(body).not.toContain('secret');
    expect(logger.lines).toEqual(['ERROR GET /boom failed secret detail']);

    const page = await (await t.request({ path: '/boom', headers: { accept: 'text/html' } })).text();
    expect(page).toContain('<h1>500 Internal Server Error</h1>');
    expect(page).not.toContain('secret');
  });

  it('shows the error message and stack in debug mode', async () => {
    const app = new Flagon({ debug: true, logger: recordingLogger() });
    app.get('/boom', function explode() {
      throw new Error('secret detail');
    });
    const t = await serve(app);
    const body = await (await t.request({ path: '/boom' })).json<Record<string, string>>();
    expect(body.error).toBe('Internal Server Error');
    expect(body.message).toBe('secret detail');
    expect(body.stack).toMatch(/^Error: secret detail\n\s+at .*explode/);
    const page = await (await t.request({ path: '/boom', headers: { accept: 'text/html' } })).text();
    expect(page).toMatch(/<pre>Error: secret detail\n\s+at .*explode/);
  });

  it('uses error handlers by status, then by class (most specific first), and gives 500 handlers the cause', async () => {
    const app = new Flagon({ logger: recordingLogger() });
    app.errorHandler(404, (c, error) =>
      json({ missing: c.request.path, message: error.message }, { status: 404 }),
    );
    app.errorHandler(PaymentRequired, (_c, error) => ({ payment: error.message }));
    app.errorHandler(CardDeclined, () => json({ declined: true }, { status: 402 }));
    app.errorHandler(500, (_c, error) => `<p>sorry: ${(error.cause as Error).message}</p>`);
    app.get('/pay', () => {
      throw new PaymentRequired('top up');
    });
    app.get('/card', () => {
      throw new CardDeclined('no');
    });
    app.get('/crash', () => {
      throw new Error('disk full');
    });
    const t = await serve(app);

    const missing = await t.request({ path: '/nowhere' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ missing: '/nowhere', message: 'Not Found' });

    const pay = await t.request({ path: '/pay' });
    expect(pay.status).toBe(500);
    expect(await pay.json()).toEqual({ payment: 'top up' });

    const card = await t.request({ path: '/card' });
    expect(card.status).toBe(402);
    expect(await card.json()).toEqual({ declined: true });

    const crash = await t.request({ path: '/crash' });
    expect(crash.status).toBe(500);
    expect(await crash.text()).toBe('<p>sorry: disk full</p>');
  });

  it('falls back to the default 500 when an error handler throws, and logs it', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.errorHandler(HTTPException, () => {
      throw new Error('handler broke');
    });
    app.get('/x', () => abort(409));
    const res = await (await serve(app)).request({ path: '/x' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal Server Error' });
    expect(logger.lines).toEqual(['ERROR GET /x failed handler broke']);
  });

  it('keeps the headers an error needs when its handler returns a value, not when it returns a Response', async () => {
    const app = new Flagon();
    app.errorHandler(405, () => ({ error: 'use another method' }));
    app.errorHandler(401, () => ({ error: 'who are you?' }));
    app.errorHandler(403, () => new Response('no', { status: 403 }));
    app.get('/things', () => 'things');
    app.get('/private', () => abort(401, 'Log in', { headers: { 'www-authenticate': 'Bearer' } }));
    app.get('/own', () => abort(403, 'No', { headers: { 'x-reason': 'policy' } }));
    const t = await serve(app);
    const notAllowed = await t.request({ method: 'DELETE', path: '/things' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.header('allow')).toBe('GET, HEAD, OPTIONS');
    expect(await notAllowed.json()).toEqual({ error: 'use another method' });
    const unauthorized = await t.request({ path: '/private' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.header('www-authenticate')).toBe('Bearer');
    expect((await t.request({ path: '/own' })).header('x-reason')).toBeUndefined();
  });

  it('answers 500 (and still runs teardown) for an error whose own answer cannot be sent', async () => {
    const logger = recordingLogger();
    const torn: string[] = [];
    const app = new Flagon({ logger });
    app.teardown((c) => {
      torn.push(c.scope.path);
    });
    // User input in an error header, and details JSON cannot write: app bugs, answered as such.
    app.get('/echo', (c) => abort(400, 'bad', { headers: { 'x-echo': c.request.query.get('v') ?? '' } }));
    app.get('/details', () => abort(409, 'conflict', { details: { id: 10n } }));
    const t = await serve(app);
    for (const path of ['/echo?v=a%0D%0ASet-Cookie:%20x=1', '/details']) {
      const res = await t.request({ path });
      expect(res.status).toBe(500);
      expect(res.header('set-cookie')).toBeUndefined();
      expect(await res.json()).toEqual({ error: 'Internal Server Error' });
      await res.completed;
    }
    expect(torn).toEqual(['/echo', '/details']);
    expect(logger.lines).toHaveLength(2);
    expect(logger.lines[0]).toMatch(/^ERROR GET \/echo failed Invalid value for header "x-echo"/);
  });

  it('rejects HTTPException statuses outside 400–599', () => {
    expect(() => new HTTPException(302)).toThrow(RangeError);
    expect(() => new Flagon().errorHandler(200, () => '')).toThrow(RangeError);
  });
});

describe('hooks', () => {
  it('run in order around the handler: before in registration order, after and teardown reversed', async () => {
    const calls: string[] = [];
    const app = new Flagon();
    app.before(() => {
      calls.push('before 1');
    });
    app.before(() => {
      calls.push('before 2');
    });
    app.after(() => {
      calls.push('after 1');
    });
    app.after((_c, response) => {
      calls.push('after 2');
      response.headers.set('x-after', 'yes');
    });
    app.teardown(() => {
      calls.push('teardown 1');
    });
    app.teardown((_c, error) => {
      calls.push(`teardown 2 (${String(error)})`);
    });
    app.get('/', () => {
      calls.push('handler');
      return 'ok';
    });
    const res = await (await serve(app)).request({ path: '/' });
    expect(await res.text()).toBe('ok');
    await res.completed;
    expect(res.header('x-after')).toBe('yes');
    expect(calls).toEqual([
      'before 1',
      'before 2',
      'handler',
      'after 2',
      'after 1',
      'teardown 2 (undefined)',
      'teardown 1',
    ]);
  });

  it('short-circuit when a before hook returns a value; after hooks still see that response', async () => {
    const calls: string[] = [];
    const app = new Flagon();
    app.before((c) => {
      if (!c.request.headers.has('authorization')) return json({ error: 'Log in' }, { status: 401 });
    });
    app.before(() => {
      calls.push('second before');
    });
    app.after((_c, response) => {
      calls.push(`after saw ${response.status}`);
    });
    app.get('/', () => {
      calls.push('handler');
      return 'secret';
    });
    const t = await serve(app);
    const res = await t.request({ path: '/' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'Log in' });
    expect(calls).toEqual(['after saw 401']);
    expect(await (await t.request({ path: '/', headers: { authorization: 'x' } })).text()).toBe('secret');
  });

  it('let an after hook replace the response, and run on error responses too', async () => {
    const app = new Flagon();
    app.after((_c, response) =>
      response.status === 404 ? new Response('custom 404', { status: 404 }) : undefined,
    );
    app.get('/', () => 'fine');
    const t = await serve(app);
    expect(await (await t.request({ path: '/' })).text()).toBe('fine');
    expect(await (await t.request({ path: '/missing' })).text()).toBe('custom 404');
  });

  it('run teardown after an unhandled error, with that error; a throwing teardown is logged, not sent', async () => {
    const logger = recordingLogger();
    const seen: unknown[] = [];
    const app = new Flagon({ logger });
    app.teardown((_c, error) => {
      seen.push(error);
    });
    app.teardown(() => {
      throw new Error('cleanup failed');
    });
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.get('/abort', () => abort(404));
    const t = await serve(app);
    const res = await t.request({ path: '/boom' });
    expect(res.status).toBe(500);
    await res.text();
    await res.completed;
    expect(res.error).toBeUndefined();
    expect((seen[0] as Error).message).toBe('boom');
    const aborted = await t.request({ path: '/abort' });
    await aborted.text();
    await aborted.completed;
    expect(seen[1]).toBeUndefined();
    expect(logger.lines).toEqual([
      'ERROR GET /boom failed boom',
      'ERROR GET /boom: a teardown hook failed cleanup failed',
      'ERROR GET /abort: a teardown hook failed cleanup failed',
    ]);
  });

  it('answer 500 when an after hook throws', async () => {
    const app = new Flagon({ logger: recordingLogger() });
    app.after(() => {
      throw new Error('after broke');
    });
    app.get('/', () => 'fine');
    const res = await (await serve(app)).request({ path: '/' });
    expect(res.status).toBe(500);
  });

  it('share c.g between hooks and the handler, fresh per request', async () => {
    const app = new Flagon<{ user?: string; count?: number }>();
    app.before((c) => {
      c.g.user = c.request.headers.get('x-user') ?? 'anonymous';
      c.g.count = (c.g.count ?? 0) + 1;
    });
    app.get('/me', (c) => ({ user: c.g.user, count: c.g.count }));
    const t = await serve(app);
    expect(await (await t.request({ path: '/me', headers: { 'x-user': 'ada' } })).json()).toEqual({
      user: 'ada',
      count: 1,
    });
    expect(await (await t.request({ path: '/me' })).json()).toEqual({ user: 'anonymous', count: 1 });
  });
});
