// Compile-time checks (tsc runs over the tests): inference of params, query, headers and body, c.g,
// config and state. The runtime part only makes sure the routes register.
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type {
  JsonResponse,
  RequestHeaders,
  ResultOf,
  RouteContext,
  UntypedResponse,
} from '../../src/index.js';
import { Blueprint, Flagon, type HTTPException, json } from '../../src/index.js';

class Teapot extends Error {
  readonly spout = 'short';
}

describe('type inference', () => {
  it('types c.params from the path literal', () => {
    const app = new Flagon();
    app.get('/users/:id/posts/:post', (c) => {
      expectTypeOf(c.params).toEqualTypeOf<{ id: string; post: string }>();
      // @ts-expect-error: the path has no :nope param
      c.params.nope;
      return 'ok';
    });
    app.get('/files/*path', (c) => {
      expectTypeOf(c.params.path).toEqualTypeOf<string>();
      return c.params.path;
    });
    app.get('/{:lang/}docs', (c) => {
      expectTypeOf(c.params.lang).toEqualTypeOf<string | undefined>();
      return c.params.lang ?? 'en';
    });
  });

  it('replaces each part with its schema output, and keeps the raw views without one', () => {
    const app = new Flagon();
    const Item = z.object({ name: z.string(), price: z.number() });
    app.post(
      '/items/:id',
      {
        params: z.object({ id: z.coerce.number() }),
        query: z.object({ draft: z.coerce.boolean().optional() }),
        headers: z.object({ 'x-tenant': z.string() }),
        body: Item,
      },
      (c) => {
        expectTypeOf(c.params).toEqualTypeOf<{ id: number }>();
        expectTypeOf(c.query).toEqualTypeOf<{ draft?: boolean | undefined }>();
        expectTypeOf(c.headers).toEqualTypeOf<{ 'x-tenant': string }>();
        expectTypeOf(c.body).toEqualTypeOf<{ name: string; price: number }>();
        return c.body;
      },
    );
    app.get('/raw/:id', { name: 'raw' }, (c) => {
      expectTypeOf(c.params).toEqualTypeOf<{ id: string }>();
      expectTypeOf(c.query).toEqualTypeOf<URLSearchParams>();
      expectTypeOf(c.headers).toEqualTypeOf<RequestHeaders>();
      expectTypeOf(c.body).toEqualTypeOf<undefined>();
      return 'ok';
    });
  });

  it('types c.g, c.config and c.state from the app, in hooks and blueprints too', () => {
    const app = new Flagon<{ user?: string }, { SECRET: string }, { db: { query(sql: string): string } }>({
      config: { SECRET: 'x' },
    });
    app.before((c) => {
      expectTypeOf(c.g.user).toEqualTypeOf<string | undefined>();
    });
    app.get('/', (c) => {
      expectTypeOf(c.config.SECRET).toEqualTypeOf<string>();
      expectTypeOf(c.config.DEBUG).toEqualTypeOf<boolean>();
      expectTypeOf(c.state.db.query('x')).toEqualTypeOf<string>();
      // @ts-expect-error: g has no such key
      c.g.nope;
      return 'ok';
    });
    app.onStartup((state) => {
      expectTypeOf(state.db).toEqualTypeOf<{ query(sql: string): string }>();
    });
    const inferred = new Flagon({ config: { PORT: 8000 } });
    expectTypeOf(inferred.config.PORT).toEqualTypeOf<number>();
    // @ts-expect-error: not in the config
    inferred.config.MISSING;

    const admin = new Blueprint<
      { user?: string },
      { SECRET: string },
      { db: { query(sql: string): string } }
    >('admin');
    admin.get('/me', (c) => c.g.user ?? 'nobody');
    app.register(admin);
  });

  it('types error handlers by status and class, and rejects handlers that return nothing', () => {
    const app = new Flagon();
    app.errorHandler(404, (_c, error) => {
      expectTypeOf(error).toEqualTypeOf<HTTPException>();
      return { error: error.message };
    });
    app.errorHandler(Teapot, (_c, error) => {
      expectTypeOf(error.spout).toEqualTypeOf<string>();
      return 'short and stout';
    });
    // @ts-expect-error: a handler must return something to send
    app.get('/void', () => {});
  });

  it('types what a handler returns from its response schema', () => {
    const app = new Flagon();
    const User = z.object({ id: z.number(), name: z.string(), role: z.string().default('member') });
    app.get('/users/:id', { response: User }, (c) => ({ id: Number(c.params.id), name: 'Ada' }));
    app.get('/users', { response: z.array(User) }, async () => [{ id: 1, name: 'Ada', role: 'admin' }]);
    app.get('/gone', { response: User }, () => json({ error: 'gone' }, { status: 410 }));
    // A Location header with a schema: json() with headers, its 2xx value written through the schema.
    app.post('/users', { response: User }, () =>
      json({ id: 1, name: 'Ada' }, { status: 201, headers: { location: '/users/1' } }),
    );
    expectTypeOf(json({ id: 1 })).toEqualTypeOf<JsonResponse<{ id: number }>>();
    expectTypeOf(json({ error: 'gone' }, { status: 410 })).toEqualTypeOf<UntypedResponse>();
    const partial: { id: number } = { id: 1 };
    // @ts-expect-error: json() of something else than the schema's input is refused
    app.get('/leaky', { response: User }, () => json(partial));
    // @ts-expect-error: `name` must be a string
    app.get('/wrong', { response: User }, () => ({ id: 1, name: 2 }));
    // @ts-expect-error: the schema needs a name
    app.post('/missing', { response: User, status: 201 }, async () => ({ id: 1 }));
    expectTypeOf<ResultOf<{ response: typeof User }>>().toEqualTypeOf<
      | { id: number; name: string; role?: string | undefined }
      | JsonResponse<{ id: number; name: string; role?: string | undefined }>
      | UntypedResponse
      | globalThis.Response
    >();
    // A Fetch Response (a Hono habit) is a response too, with or without a schema.
    app.post('/created', { response: User }, () => new globalThis.Response('created', { status: 201 }));
    app.post('/plain', () => new globalThis.Response(null, { status: 204 }));
  });

  it('gives handlers declared apart from their route a typed context', () => {
    const show = (c: RouteContext<'/users/:id'>) => ({ id: c.params.id });
    const app = new Flagon();
    app.get('/users/:id', show);
    expectTypeOf<Parameters<typeof show>[0]['params']>().toEqualTypeOf<{ id: string }>();
  });
});
