import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Blueprint, Flagon, json } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

const PublicUser = z.object({
  id: z.number(),
  name: z.string(),
  role: z.enum(['admin', 'member']).default('member'),
});

const rows = [
  { id: 1, name: 'Ada', passwordHash: '$argon2id$v=19$secret', role: 'admin' as const },
  { id: 2, name: 'Bob', passwordHash: '$argon2id$v=19$hidden' },
];

function usersApp() {
  const logger = recordingLogger();
  const app = new Flagon({ logger });
  app.get('/users', { response: z.array(PublicUser) }, () => rows);
  app.get('/users/:id', { response: PublicUser }, (c) => {
    const row = rows.find((user) => String(user.id) === c.params.id);
    return row ?? json({ error: 'no such user' }, { status: 404 });
  });
  app.post('/users', { body: z.object({ name: z.string() }), response: PublicUser, status: 201 }, (c) => ({
    id: 3,
    name: c.body.name,
    passwordHash: 'never sent',
  }));
  app.get('/broken', { response: PublicUser }, () => ({ id: 'one', name: 'Ada' }) as never);
  app.get('/created', { status: 201 }, () => ({ created: true }));
  app.get('/page', { status: 203 }, () => '<p>cached copy</p>');
  const api = new Blueprint('api', { prefix: '/api' });
  api.get('/me', { response: PublicUser, status: 200 }, async () => rows[1]!);
  app.register(api);
  return { app, logger };
}

describe('a route with a response schema', () => {
  it('answers with only the fields the schema declares, defaults filled, as JSON', async () => {
    const t = await serve(usersApp().app);
    const res = await t.request({ path: '/users' });
    expect(res.status).toBe(200);
    expect(res.header('content-type')).toBe('application/json');
    const body = await res.text();
    expect(JSON.parse(body)).toEqual([
      { id: 1, name: 'Ada', role: 'admin' },
      { id: 2, name: 'Bob', role: 'member' },
    ]);
    expect(body).not.toContain('argon2');
    expect(await (await t.request({ path: '/api/me' })).json()).toEqual({
      id: 2,
      name: 'Bob',
      role: 'member',
    });
  });

  it('sends a Response the handler builds as it is', async () => {
    const res = await (await serve(usersApp().app)).request({ path: '/users/9' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no such user' });
  });

  it('answers plain values with the route status', async () => {
    const t = await serve(usersApp().app);
    const created = await t.request({
      method: 'POST',
      path: '/users',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Cy"}',
    });
    expect(created.status).toBe(201);
    expect(await created.text()).toBe('{"id":3,"name":"Cy","role":"member"}');
    const plain = await t.request({ path: '/created' });
    expect([plain.status, await plain.json()]).toEqual([201, { created: true }]);
    const page = await t.request({ path: '/page' });
    expect([page.status, page.header('content-type'), await page.text()]).toEqual([
      203,
      'text/html; charset=utf-8',
      '<p>cached copy</p>',
    ]);
  });

  it('answers a value that does not fit with a bare 500 and logs where it went wrong', async () => {
    const { app, logger } = usersApp();
    const res = await (await serve(app)).request({ path: '/broken' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal Server Error' });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /^ERROR GET \/broken failed the response does not match its schema at id: /,
    );
  });

  it('refuses a route status outside 200-599 when the route is declared (and at compile time)', () => {
    // @ts-expect-error: not a final response's status
    expect(() => new Flagon().get('/x', { status: 99 }, () => 'x')).toThrow(RangeError);
    // @ts-expect-error: not a status at all
    expect(() => new Flagon().get('/x', { status: 200.5 }, () => 'x')).toThrow(/from 200 to 599, got 200.5/);
  });
});
