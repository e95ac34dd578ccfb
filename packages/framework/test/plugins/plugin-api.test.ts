// The plugin API through the public exports: what `use` adds, where, in which order, and what it refuses.
import { Blueprint, definePlugin, Flagon } from '@flagon/framework';
import { createTestClient } from '@flagon/framework/testing';
import { createLogger } from '@flagon/gateway/core';
import { describe, expect, expectTypeOf, it } from 'vitest';

interface User {
  name: string;
}

/** A plugin that reads the user from a header, as an auth plugin would from the session. */
const headerUser = definePlugin<{ context: { user: User | null } }>({
  name: 'header-user',
  setup(host) {
    host.provide('user', async (c) => {
      const name = c.request.headers.get('x-user');
      return name === null ? null : { name };
    });
  },
});

/** A plugin that needs another's addition: it refuses requests without a user. */
const requireUser = definePlugin<{}, { context: { user: User | null } }>({
  name: 'require-user',
  requires: ['header-user'],
  setup(host) {
    host.before((c) => (c.user === null ? { error: 'log in' } : undefined));
  },
});

describe('use(plugin)', () => {
  it('adds c.<name> for the routes registered after it, typed', async () => {
    const app = new Flagon().use(headerUser);
    app.get('/me', (c) => {
      expectTypeOf(c.user).toEqualTypeOf<User | null>();
      return { user: c.user };
    });
    const client = createTestClient(app);
    expect(await (await client.get('/me', { headers: { 'x-user': 'ada' } })).json()).toEqual({
      user: { name: 'ada' },
    });
    expect(await (await client.get('/me')).json()).toEqual({ user: null });
  });

  it('is not typed on an app without the plugin, and reading it there names the plugin', async () => {
    const plain = new Flagon();
    // @ts-expect-error: no plugin added `user` to this app's context
    plain.get('/me', (c) => c.user);

    // A blueprint's plugin serves the blueprint's routes only.
    const logged: string[] = [];
    const logger = createLogger('error', (line) => logged.push(line));
    const app = new Flagon({ logger });
    const admin = new Blueprint('admin', { prefix: '/admin' }).use(headerUser);
    admin.get('/who', (c) => ({ user: c.user }));
    app.register(admin);
    app.get('/outside', (c) => (c as unknown as { user: unknown }).user ?? 'none');
    const client = createTestClient(app);
    expect(await (await client.get('/admin/who', { headers: { 'x-user': 'bob' } })).json()).toEqual({
      user: { name: 'bob' },
    });
    const outside = await client.get('/outside');
    expect(outside.status).toBe(500);
    expect(await outside.text()).not.toContain('header-user');
    expect(logged.join('\n')).toContain('c.user is not set for route "GET /outside": plugin "header-user"');
  });

  it('needs: a compile error without the required plugin, a run-time error naming it', () => {
    // @ts-expect-error: the app lacks the `user` addition require-user needs
    expect(() => new Flagon().use(requireUser)).toThrow(
      'Plugin "require-user" requires "header-user", not used on the app before it',
    );
    const app = new Flagon().use(headerUser).use(requireUser);
    expectTypeOf(app.hasPlugin('require-user')).toEqualTypeOf<boolean>();
    expect(app.hasPlugin('require-user')).toBe(true);
  });

  it('runs the plugin hooks in registration order, with the requirement met by the app for a blueprint', async () => {
    const app = new Flagon().use(headerUser);
    const api = new Blueprint<{}, {}, {}, {}, { user: User | null }>('api', { prefix: '/api' }).use(
      requireUser,
    );
    api.get('/secret', (c) => ({ secret: `for ${c.user?.name}` }));
    app.register(api);
    const client = createTestClient(app);
    expect(await (await client.get('/api/secret')).json()).toEqual({ error: 'log in' });
    expect(await (await client.get('/api/secret', { headers: { 'x-user': 'cy' } })).json()).toEqual({
      secret: 'for cy',
    });
    // A blueprint that needs `user` is refused by an app without it.
    const bare = new Flagon();
    const needs = new Blueprint<{}, {}, {}, {}, { user: User | null }>('needs').use(requireUser);
    // @ts-expect-error: the app lacks the plugin addition the blueprint needs
    expect(() => bare.register(needs)).toThrow(
      'requires "header-user", not used on blueprint "needs" or its app',
    );
  });

  it('refuses a second use unless the plugin allows it, and a global plugin on a blueprint', () => {
    const app = new Flagon().use(headerUser);
    expect(() => app.use(headerUser)).toThrow('Plugin "header-user" is already used on the app');
    const once = definePlugin({
      name: 'once',
      duplicates: 'ignore',
      setup: (host) => void host.get('/x', () => 'x'),
    });
    expect(() => new Flagon().use(once).use(once)).not.toThrow();
    const global = definePlugin({ name: 'everywhere', global: true, setup() {} });
    expect(() => new Blueprint('b').use(global)).toThrow(
      'Plugin "everywhere" works on the whole app: use it on the app, not on blueprint "b"',
    );
    const clash = definePlugin<{ context: { request: string } }>({
      name: 'clash',
      setup: (host) => host.provide('request', () => 'x'),
    });
    expect(() => new Flagon().use(clash)).toThrow(
      'Plugin "clash" cannot add c.request: the context already has it',
    );
  });

  it('adds typed names to the app, and reaches the app from a blueprint on registration', async () => {
    const counter = definePlugin<{ app: { counted: () => number }; state: { started: boolean } }>({
      name: 'counter',
      setup(host) {
        let count = 0;
        host.before(() => {
          count += 1;
        });
        host.decorate('counted', () => count);
        host.withApp((app) => {
          app.templateGlobal('counterOn', true);
          app.onStartup((state) => {
            (state as { started?: boolean }).started = true;
          });
        });
      },
    });
    const app = new Flagon().use(counter);
    app.get('/', () => 'ok');
    await createTestClient(app).get('/');
    expectTypeOf(app.counted).toEqualTypeOf<() => number>();
    expect(app.counted()).toBe(1);

    const reports = new Blueprint('reports').use(counter);
    expect(reports.counted()).toBe(0);
    const host = new Flagon();
    expect(host.templateGlobals.counterOn).toBeUndefined();
    host.register(reports);
    expect(host.templateGlobals.counterOn).toBe(true);
  });
});
