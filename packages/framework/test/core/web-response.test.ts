// A handler may return a Fetch `Response` (a Hono habit): its status, headers and body are what is sent,
// the body streamed from its reader, with backpressure, and cancelled when it will not be read.
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { Flagon } from '../../src/index.js';
import { serve } from './helpers.js';

/** An endless byte stream that counts its pulls and notes its cancellation. */
function endless() {
  const seen = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls++;
        controller.enqueue(new TextEncoder().encode(`chunk ${seen.pulls}\n`));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { seen, body };
}

function webApp(): Flagon {
  const app = new Flagon();
  app.post(
    '/items',
    () => new globalThis.Response('created', { status: 201, headers: { location: '/items/1' } }),
  );
  app.get('/cookies', () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('set-cookie', 'a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT');
    headers.append('set-cookie', 'b=2');
    return new globalThis.Response('{"ok":true}', { headers });
  });
  app.get('/me', { response: z.object({ id: z.number() }) }, () =>
    globalThis.Response.json({ error: 'gone' }, { status: 410 }),
  );
  app.delete('/items/1', async () => new globalThis.Response(null, { status: 204 }));
  return app;
}

describe('a handler returning a Fetch Response', () => {
  it('sends its status, headers and body, in memory', async () => {
    const t = await serve(webApp());
    const created = await t.request({ method: 'POST', path: '/items' });
    expect([
      created.status,
      created.header('location'),
      created.header('content-type'),
      await created.text(),
    ]).toEqual([201, '/items/1', 'text/plain;charset=UTF-8', 'created']);
    const gone = await t.request({ path: '/me' });
    expect([gone.status, await gone.json()]).toEqual([410, { error: 'gone' }]);
    const deleted = await t.request({ method: 'DELETE', path: '/items/1' });
    expect([deleted.status, deleted.header('content-type'), await deleted.text()]).toEqual([
      204,
      undefined,
      '',
    ]);
  });

  it('keeps each Set-Cookie apart over a real socket', async () => {
    const handler = toNodeHandler(webApp());
    await request(handler).post('/items').expect(201, 'created').expect('location', '/items/1');
    const res = await request(handler).get('/cookies').expect(200, { ok: true });
    expect(res.headers['set-cookie']).toEqual(['a=1; Expires=Wed, 21 Oct 2037 07:28:00 GMT', 'b=2']);
  });

  it('streams its body as the client reads, and cancels it when the client leaves', async () => {
    const { seen, body } = endless();
    const app = new Flagon();
    app.get('/feed', () => new globalThis.Response(body, { headers: { 'content-type': 'text/plain' } }));
    const res = await (await serve(app)).request({ path: '/feed' });
    const reader = res.body[Symbol.asyncIterator]();
    expect(new TextDecoder().decode((await reader.next()).value)).toBe('chunk 1\n');
    // The client reads no more: an endless body read whole would pull on without end meanwhile.
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(seen.pulls).toBeLessThan(5);
    res.disconnect();
    await vi.waitFor(() => expect(seen.cancelled).toBe(true));
  });

  it('cancels its body on HEAD, which reads none', async () => {
    const { seen, body } = endless();
    const app = new Flagon();
    app.get('/feed', () => new globalThis.Response(body));
    const head = await (await serve(app)).request({ method: 'HEAD', path: '/feed' });
    expect([head.status, await head.text()]).toEqual([200, '']);
    await vi.waitFor(() => expect(seen.cancelled).toBe(true));
  });

  it('refuses one whose body was already read, as a 500', async () => {
    const app = new Flagon({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
    app.get('/used', async () => {
      const response = new globalThis.Response('once');
      await response.text();
      return response;
    });
    const res = await (await serve(app)).request({ path: '/used' });
    expect(res.status).toBe(500);
  });
});
