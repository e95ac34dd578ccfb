import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flagon, json } from '../../src/index.js';
import { serve } from './helpers.js';

const Item = z.object({ name: z.string().min(1), price: z.number().min(0) });

function itemsApp() {
  const calls: string[] = [];
  const app = new Flagon();
  app.post('/items', { body: Item, name: 'create_item' }, (c) => {
    calls.push(c.body.name);
    return json(
      { ...c.body, id: 1 },
      { status: 201, headers: { location: c.urlFor('get_item', { id: 1 }) } },
    );
  });
  app.get('/items/:id', { params: z.object({ id: z.coerce.number().int() }), name: 'get_item' }, (c) => {
    calls.push(`get ${c.params.id}`);
    return { id: c.params.id, type: typeof c.params.id };
  });
  app.get(
    '/search',
    {
      query: z.object({
        q: z.string(),
        page: z.coerce.number().default(1),
        tag: z.array(z.string()).optional(),
      }),
    },
    (c) => c.query,
  );
  app.get('/whoami', { headers: z.object({ 'x-user': z.string().min(2) }) }, (c) => ({
    user: c.headers['x-user'],
  }));
  return { app, calls };
}

describe('body validation', () => {
  it('hands the handler the parsed body of a valid JSON request', async () => {
    const { app } = itemsApp();
    const res = await (await serve(app)).request({
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pen', price: 2 }),
    });
    expect(res.status).toBe(201);
    expect(res.header('location')).toBe('/items/1');
    expect(await res.json()).toEqual({ name: 'pen', price: 2, id: 1 });
  });

  it('accepts +json media types and url-encoded forms', async () => {
    const app = new Flagon();
    app.post(
      '/form',
      { body: z.object({ name: z.string(), n: z.coerce.number(), tag: z.array(z.string()) }) },
      (c) => c.body,
    );
    const t = await serve(app);
    const form = await t.request({
      method: 'POST',
      path: '/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=a+b&n=3&tag=x',
    });
    expect(await form.json()).toEqual({ name: 'a b', n: 3, tag: ['x'] });
    const vendor = await t.request({
      method: 'POST',
      path: '/form',
      headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' },
      body: '{"name":"v","n":1,"tag":[]}',
    });
    expect(await vendor.json()).toEqual({ name: 'v', n: 1, tag: [] });
  });

  it('answers 422 with every issue, paths prefixed by the request part, and never runs the handler', async () => {
    const { app, calls } = itemsApp();
    const res = await (await serve(app)).request({
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', price: -1 }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: 'Validation failed',
      issues: [
        { path: ['body', 'name'], message: 'Too small: expected string to have >=1 characters' },
        { path: ['body', 'price'], message: 'Too small: expected number to be >=0' },
      ],
    });
    expect(calls).toEqual([]);
  });

  it('validates with async refinements too, on every request (valid and invalid)', async () => {
    const taken = new Set(['pen']);
    const Unique = z.object({
      name: z.string().refine(async (name) => !taken.has(name), { message: 'Name taken' }),
    });
    const app = new Flagon();
    app.post('/names', { body: Unique }, (c) => json(c.body, { status: 201 }));
    const client = await serve(app);
    const post = (name: string) =>
      client.request({
        method: 'POST',
        path: '/names',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
    for (let round = 0; round < 2; round++) {
      const ok = await post('cup');
      expect(ok.status).toBe(201);
      expect(await ok.json()).toEqual({ name: 'cup' });
      const bad = await post('pen');
      expect(bad.status).toBe(422);
      expect(await bad.json()).toEqual({
        error: 'Validation failed',
        issues: [{ path: ['body', 'name'], message: 'Name taken' }],
      });
    }
  });

  it('answers malformed JSON 400 with the parser message', async () => {
    const { app, calls } = itemsApp();
    const res = await (await serve(app)).request({
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(res.status).toBe(400);
    const body = await res.json<{ error: string }>();
    expect(body.error).toMatch(/^Malformed JSON body: .+/);
    expect(body.error).toContain(safeParseMessage('{"name": '));
    expect(calls).toEqual([]);
  });

  it('answers a body in another media type (or none) 415', async () => {
    const { app, calls } = itemsApp();
    const t = await serve(app);
    const textBody = await t.request({
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'text/plain' },
      body: 'name=pen',
    });
    expect(textBody.status).toBe(415);
    expect(await textBody.json()).toEqual({
      error: 'Unsupported Media Type: expected application/json or a form, got text/plain',
    });
    expect((await t.request({ method: 'POST', path: '/items' })).status).toBe(415);
    expect(calls).toEqual([]);
  });
});

describe('params, query and headers validation', () => {
  it('gives the handler coerced params, and answers 404 when they do not fit (the URL names nothing)', async () => {
    const { app, calls } = itemsApp();
    const t = await serve(app);
    expect(await (await t.request({ path: '/items/42' })).json()).toEqual({ id: 42, type: 'number' });
    const res = await t.request({ path: '/items/abc' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not Found' });
    expect(calls).toEqual(['get 42']);
  });

  it('validates the query as an object: repeated keys and array fields are arrays, defaults apply', async () => {
    const { app } = itemsApp();
    const t = await serve(app);
    expect(await (await t.request({ path: '/search?q=pen' })).json()).toEqual({ q: 'pen', page: 1 });
    expect(await (await t.request({ path: '/search?q=pen&page=3&tag=a' })).json()).toEqual({
      q: 'pen',
      page: 3,
      tag: ['a'],
    });
    expect(await (await t.request({ path: '/search?q=pen&tag=a&tag=b' })).json()).toEqual({
      q: 'pen',
      page: 1,
      tag: ['a', 'b'],
    });
    const bad = await t.request({ path: '/search?page=x' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      error: 'Validation failed',
      issues: [
        { path: ['query', 'q'], message: 'Invalid input: expected string, received undefined' },
        { path: ['query', 'page'], message: 'Invalid input: expected number, received NaN' },
      ],
    });
  });

  it('validates headers by their lowercase names', async () => {
    const { app } = itemsApp();
    const t = await serve(app);
    expect(await (await t.request({ path: '/whoami', headers: { 'X-User': 'ada' } })).json()).toEqual({
      user: 'ada',
    });
    const bad = await t.request({ path: '/whoami', headers: { 'x-user': 'a' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({
      error: 'Validation failed',
      issues: [{ path: ['headers', 'x-user'], message: 'Too small: expected string to have >=2 characters' }],
    });
  });

  it('reads keys named after Object.prototype members as ordinary keys, in query, form and headers', async () => {
    const app = new Flagon();
    const sort = z.enum(['asc', 'desc']).optional();
    app.get('/list', { query: z.object({ q: z.string(), sort }) }, (c) => c.query);
    app.get('/filters', { query: z.record(z.string(), z.string()) }, (c) => c.query);
    app.post('/form', { body: z.record(z.string(), z.string()) }, (c) => c.body);
    app.get(
      '/headers',
      { headers: z.object({ constructor: z.string(), 'x-a': z.string() }) },
      (c) => c.headers,
    );
    const t = await serve(app);
    // `__proto__` twice once made the object's prototype an array, whose `sort` then failed the enum.
    const list = await t.request({ path: '/list?q=a&__proto__=1&__proto__=2' });
    expect([list.status, await list.json()]).toEqual([200, { q: 'a' }]);
    const filters = await t.request({ path: '/filters?color=red&toString=x&hasOwnProperty=y&__proto__=z' });
    // zod's record leaves `__proto__` out of its output; the others are plain entries.
    expect([filters.status, await filters.json()]).toEqual([
      200,
      { color: 'red', toString: 'x', hasOwnProperty: 'y' },
    ]);
    const form = await t.request({
      method: 'POST',
      path: '/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=a&constructor=b&valueOf=c',
    });
    expect([form.status, await form.json()]).toEqual([200, { name: 'a', constructor: 'b', valueOf: 'c' }]);
    const headers = await t.request({ path: '/headers', headers: { constructor: 'b', 'x-a': 'y' } });
    expect([headers.status, await headers.json()]).toEqual([200, { constructor: 'b', 'x-a': 'y' }]);
  });

  it('hands the handler what the query and headers schemas output, even null or undefined', async () => {
    const app = new Flagon();
    const optionalQuery = z.object({ q: z.string() }).optional();
    app.get(
      '/search',
      { query: z.object({ q: z.string().optional() }).transform((v) => v.q ?? null) },
      (c) => ({
        query: c.query,
      }),
    );
    app.get('/maybe', { query: optionalQuery.transform(() => undefined) }, (c) => ({
      isUndefined: c.query === undefined,
    }));
    app.get('/agent', { headers: z.object({}).transform(() => null) }, (c) => ({ headers: c.headers }));
    const t = await serve(app);
    // c.query once fell back to the raw URLSearchParams (serialised as {}) when the output was null.
    expect(await (await t.request({ path: '/search' })).json()).toEqual({ query: null });
    expect(await (await t.request({ path: '/search?q=tea' })).json()).toEqual({ query: 'tea' });
    expect(await (await t.request({ path: '/maybe?q=x' })).json()).toEqual({ isUndefined: true });
    expect(await (await t.request({ path: '/agent' })).json()).toEqual({ headers: null });
  });

  it('reads `false` as false with z.stringbool (z.coerce.boolean would make it true)', async () => {
    const app = new Flagon();
    app.get('/users', { query: z.object({ active: z.stringbool().optional() }) }, (c) => c.query);
    const t = await serve(app);
    expect(await (await t.request({ path: '/users?active=false' })).json()).toEqual({ active: false });
    expect(await (await t.request({ path: '/users?active=1' })).json()).toEqual({ active: true });
    expect((await t.request({ path: '/users?active=maybe' })).status).toBe(422);
  });
});

function safeParseMessage(source: string): string {
  try {
    JSON.parse(source);
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}
