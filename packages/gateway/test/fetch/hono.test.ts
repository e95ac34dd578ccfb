import { createMemoryTransport, fromFetchHandler } from '@flagon/gateway';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { afterAll, describe, expect, it } from 'vitest';

const hono = new Hono();
hono.get('/hello/:name', (c) => c.json({ hello: c.req.param('name'), q: c.req.query('q') ?? null }));
hono.post('/echo', async (c) => c.text((await c.req.text()).toUpperCase(), 201));
hono.get('/login', (c) => {
  setCookie(c, 'session', 'abc', { httpOnly: true, path: '/' });
  setCookie(c, 'theme', 'dark', { path: '/' });
  return c.body(null, 204);
});
hono.get('/host', (c) => c.text(new URL(c.req.url).origin));
hono.get('/events', (c) =>
  streamSSE(c, async (stream) => {
    for (let id = 1; !stream.aborted; id++) await stream.writeSSE({ id: String(id), data: 'tick' });
  }),
);
hono.get('/boom', () => {
  throw new Error('hono route failed');
});
hono.onError((error, c) => c.text(`handled: ${error.message}`, 500));

describe('a Hono app mounted with fromFetchHandler, served in memory', () => {
  const transport = createMemoryTransport(fromFetchHandler(hono.fetch));
  afterAll(() => transport.close());

  it('routes with params and query', async () => {
    const res = await transport.request({ path: '/hello/world', query: { q: 'x y' } });
    expect(res.status).toBe(200);
    expect(res.header('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ hello: 'world', q: 'x y' });
  });

  it('reads a request body', async () => {
    const res = await transport.request({ method: 'POST', path: '/echo', body: ['quiet ', 'please'] });
    expect(res.status).toBe(201);
    expect(await res.text()).toBe('QUIET PLEASE');
  });

  it('keeps two set-cookie headers apart', async () => {
    const res = await transport.request({ path: '/login' });
    expect(res.status).toBe(204);
    expect(res.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value)).toEqual([
      'session=abc; Path=/; HttpOnly',
      'theme=dark; Path=/',
    ]);
  });

  it('sees the origin the client asked for', async () => {
    const res = await transport.request({ path: '/host', headers: { host: 'shop.test' }, scheme: 'https' });
    expect(await res.text()).toBe('https://shop.test');
  });

  it('streams server-sent events that a client can read a few of and leave', async () => {
    const res = await transport.request({ path: '/events' });
    expect(res.header('content-type')).toBe('text/event-stream');
    let text = '';
    for await (const chunk of res.body) {
      text += new TextDecoder().decode(chunk);
      if (text.split('\n\n').length > 3) break;
    }
    expect(text.startsWith('data: tick\nid: 1\n\ndata: tick\nid: 2\n\ndata: tick\nid: 3\n\n')).toBe(true);
    await res.completed;
    expect(res.error).toBeUndefined();
  });

  it("answers a failing route with Hono's error handler", async () => {
    const res = await transport.request({ path: '/boom' });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('handled: hono route failed');
  });
});
