// App-wide hooks and error handlers declared on a blueprint (Flask's before_app_request, after_app_request,
// teardown_app_request, app_errorhandler): they apply to every request of the app once it registers the
// blueprint, the app's own routes and its 404s included, not only the blueprint's routes.
import { describe, expect, it } from 'vitest';
import { Blueprint, Flagon, text } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';

class Teapot extends Error {}

function appWithAuth(calls: string[]) {
  const auth = new Blueprint('auth', { prefix: '/auth' });
  auth.beforeApp((c) => {
    calls.push(`beforeApp ${c.request.path}`);
    if (c.request.headers.get('x-block') === 'yes') return text('blocked', { status: 403 });
  });
  auth.afterApp((_c, response) => {
    response.headers.set('x-seen-by', 'auth');
  });
  auth.teardownApp((c, error) => {
    calls.push(`teardownApp ${c.request.path} ${error instanceof Error ? error.message : 'ok'}`);
  });
  auth.appErrorHandler(404, (c) => text(`no page at ${c.request.path}`, { status: 404 }));
  auth.appErrorHandler(Teapot, () => text('short and stout', { status: 418 }));
  auth.before(() => {
    calls.push('auth before (own routes only)');
  });
  auth.get('/login', () => 'login form');
  const app = new Flagon({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
  app.get('/', () => 'home');
  app.get('/tea', () => {
    throw new Teapot('brewing');
  });
  app.get('/boom', () => {
    throw new Error('boom');
  });
  app.register(auth);
  return app;
}

describe('app-wide hooks from a blueprint', () => {
  it('run for the app routes and the blueprint routes alike', async () => {
    const calls: string[] = [];
    await using client = createTestClient(appWithAuth(calls));
    const home = await client.get('/');
    expect([home.status, await home.text(), home.headers.get('x-seen-by')]).toEqual([200, 'home', 'auth']);
    const login = await client.get('/auth/login');
    expect([await login.text(), login.headers.get('x-seen-by')]).toEqual(['login form', 'auth']);
    expect(calls).toEqual([
      'beforeApp /',
      'teardownApp / ok',
      'beforeApp /auth/login',
      'auth before (own routes only)',
      'teardownApp /auth/login ok',
    ]);
  });

  it('answer for the app: a beforeApp answer, a 404 no route serves, an error class, and see a 500', async () => {
    const calls: string[] = [];
    await using client = createTestClient(appWithAuth(calls));
    const blocked = await client.get('/', { headers: { 'x-block': 'yes' } });
    expect([blocked.status, await blocked.text(), blocked.headers.get('x-seen-by')]).toEqual([
      403,
      'blocked',
      'auth',
    ]);
    const missing = await client.get('/nowhere');
    expect([missing.status, await missing.text()]).toEqual([404, 'no page at /nowhere']);
    const tea = await client.get('/tea');
    expect([tea.status, await tea.text()]).toEqual([418, 'short and stout']);
    const boom = await client.get('/boom');
    expect(boom.status).toBe(500);
    await boom.completed; // the teardown hooks run once the response is sent
    expect(calls.filter((call) => call.startsWith('teardownApp'))).toEqual([
      'teardownApp / ok',
      'teardownApp /nowhere ok',
      'teardownApp /tea ok',
      'teardownApp /boom boom',
    ]);
  });

  it('come from nested blueprints too, and replace an app handler of the same status', async () => {
    const outer = new Blueprint('outer');
    const inner = new Blueprint('inner');
    inner.appErrorHandler(404, () => text('inner 404', { status: 404 }));
    outer.register(inner);
    const app = new Flagon();
    app.errorHandler(404, () => text('app 404', { status: 404 }));
    app.register(outer);
    await using client = createTestClient(app);
    expect(await (await client.get('/x')).text()).toBe('inner 404');
  });

  it('cannot be added once the blueprint is registered, and check the status', () => {
    const late = new Blueprint('late');
    new Flagon().register(late);
    expect(() => late.beforeApp(() => {})).toThrow('Blueprint "late" is already registered');
    expect(() => new Blueprint('b').appErrorHandler(302, () => 'x')).toThrow(
      new RangeError('appErrorHandler status must be an integer from 400 to 599, got 302'),
    );
    // A blueprint's plain errorHandler stays its own: the app's 404 is untouched.
    const own = new Blueprint('own');
    own.errorHandler(404, () => text('own 404', { status: 404 }));
    expect(own.appHooks.byStatus.size).toBe(0);
  });
});
