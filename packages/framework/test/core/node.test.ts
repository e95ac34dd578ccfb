// A few of the behaviours over a real socket: the app handed as is to the gateway's Node adapter.
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Blueprint, Flagon, json, Response } from '../../src/index.js';

function app() {
  const flagon = new Flagon({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
  flagon.get('/', () => 'Hello, World!');
  flagon.post('/items', { body: z.object({ name: z.string().min(1) }) }, (c) =>
    json(c.body, { status: 201 }),
  );
  flagon.get('/me', { response: z.object({ id: z.number(), name: z.string() }), status: 203 }, () => ({
    id: 7,
    name: 'Ada',
    apiKey: 'sk-live-secret',
  }));
  flagon.get('/docs/', () => 'docs');
  flagon.get('/cookie', () => new Response('ok').setCookie('sid', 'abc'));
  flagon.get('/boom', () => {
    throw new Error('hidden');
  });
  const admin = new Blueprint('admin', { prefix: '/admin' });
  admin.get('/users/:id', { name: 'user' }, (c) => ({
    id: c.params.id,
    self: c.urlFor('.user', { id: c.params.id }),
  }));
  flagon.register(admin);
  return toNodeHandler(flagon);
}

describe('over a real socket', () => {
  it('serves text, JSON from a blueprint, and HEAD', async () => {
    const handler = app();
    await request(handler)
      .get('/')
      .expect(200, 'Hello, World!')
      .expect('content-type', 'text/html; charset=utf-8');
    await request(handler).get('/admin/users/5').expect(200, { id: '5', self: '/admin/users/5' });
    const head = await request(handler).head('/').expect(200);
    expect(head.headers['content-length']).toBe('13');
    expect(head.text).toBeUndefined();
  });

  it('validates bodies (201, 422, 400) and answers 405 with Allow', async () => {
    const handler = app();
    await request(handler).post('/items').send({ name: 'pen' }).expect(201, { name: 'pen' });
    await request(handler)
      .post('/items')
      .send({ name: '' })
      .expect(422, {
        error: 'Validation failed',
        issues: [{ path: ['body', 'name'], message: 'Too small: expected string to have >=1 characters' }],
      });
    const malformed = await request(handler)
      .post('/items')
      .set('content-type', 'application/json')
      .send('{oops');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatch(/^Malformed JSON body: /);
    await request(handler).delete('/items').expect(405).expect('allow', 'OPTIONS, POST');
  });

  it('redirects to the trailing slash keeping the query, sets cookies, and hides 500 details', async () => {
    const handler = app();
    await request(handler).get('/docs?x=1').expect(308).expect('location', '/docs/?x=1');
    await request(handler).get('/cookie').expect('set-cookie', 'sid=abc; Path=/; HttpOnly; SameSite=Lax');
    await request(handler).get('/boom').expect(500, { error: 'Internal Server Error' });
  });

  it('writes a response schema’s fields only, with the route status and Content-Length', async () => {
    const res = await request(app()).get('/me').expect(203).expect('content-type', 'application/json');
    expect(res.text).toBe('{"id":7,"name":"Ada"}');
    expect(res.headers['content-length']).toBe(String(res.text.length));
  });
});
