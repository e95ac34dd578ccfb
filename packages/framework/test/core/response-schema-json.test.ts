// A route with a response schema may answer `json(value, { status, headers })` for a Location header: a
// 2xx value still goes through the schema (no field leaks); an error's JSON goes out as built.
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Flagon, json } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

const PublicUser = z.object({ id: z.number(), name: z.string(), role: z.string().default('member') });

function usersApp(logger = recordingLogger()): Flagon {
  const app = new Flagon({ logger });
  app.post('/users', { response: PublicUser }, () =>
    json(
      { id: 7, name: 'Ada', passwordHash: '$argon2id$secret' },
      { status: 201, headers: { location: '/users/7' } },
    ),
  );
  app.get('/users/:id', { response: PublicUser }, () =>
    json({ error: 'no such user', code: 'E404' }, { status: 404 }),
  );
  // @ts-expect-error: not the schema's input (the test checks what happens when types are bypassed)
  app.get('/broken', { response: PublicUser }, () => json({ id: 'seven' }, { status: 200 }));
  return app;
}

describe('json() on a route with a response schema', () => {
  it('keeps its status and headers and writes a 2xx value through the schema', async () => {
    const res = await (await serve(usersApp())).request({ method: 'POST', path: '/users' });
    expect([res.status, res.header('location'), res.header('content-type'), await res.text()]).toEqual([
      201,
      '/users/7',
      'application/json',
      '{"id":7,"name":"Ada","role":"member"}',
    ]);
  });

  it('sends an error answer as built, and answers 500 for a 2xx value that does not fit', async () => {
    const logger = recordingLogger();
    const t = await serve(usersApp(logger));
    const missing = await t.request({ path: '/users/1' });
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'no such user', code: 'E404' }]);
    const broken = await t.request({ path: '/broken' });
    expect([broken.status, await broken.json()]).toEqual([500, { error: 'Internal Server Error' }]);
    expect(logger.lines.join('\n')).toMatch(/does not match its schema at id/);
  });

  it('leaks nothing over a real socket either', async () => {
    const res = await request(toNodeHandler(usersApp()))
      .post('/users')
      .expect(201)
      .expect('location', '/users/7');
    expect(res.body).toEqual({ id: 7, name: 'Ada', role: 'member' });
  });
});
