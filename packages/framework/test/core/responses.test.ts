import { describe, expect, it, vi } from 'vitest';
import { Flagon, html, json, Response, redirect, sse, stream, text } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

describe('response helpers', () => {
  it('set the content type and an exact Content-Length (UTF-8 bytes)', async () => {
    const app = new Flagon();
    app.get('/json', () => json({ word: 'café' }, { status: 201, headers: { 'x-a': '1' } }));
    app.get('/text', () => text('naïve 👋'));
    app.get('/html', () => html('<b>ok</b>'));
    const t = await serve(app);

    const created = await t.request({ path: '/json' });
    expect(created.status).toBe(201);
    expect(created.headers).toEqual([
      ['x-a', '1'],
      ['content-type', 'application/json'],
      ['content-length', String(new TextEncoder().encode('{"word":"café"}').length)],
    ]);
    expect(await created.json()).toEqual({ word: 'café' });

    const plain = await t.request({ path: '/text' });
    expect(plain.header('content-type')).toBe('text/plain; charset=utf-8');
    expect(plain.header('content-length')).toBe(String(new TextEncoder().encode('naïve 👋').length));
    expect(await plain.text()).toBe('naïve 👋');
    expect((await t.request({ path: '/html' })).header('content-type')).toBe('text/html; charset=utf-8');
  });

  it('redirects with the given status and an empty body', async () => {
    const app = new Flagon();
    app.post('/login', () => redirect('/home', 303));
    app.get('/old', () => redirect('https://example.test/new'));
    const t = await serve(app);
    const seeOther = await t.request({ method: 'POST', path: '/login' });
    expect(seeOther.status).toBe(303);
    expect(seeOther.header('location')).toBe('/home');
    expect(seeOther.header('content-length')).toBe('0');
    const found = await t.request({ path: '/old' });
    expect(found.status).toBe(302);
    expect(found.header('location')).toBe('https://example.test/new');
  });

  it('refuses header values that would split the response', () => {
    expect(() => redirect('/a\r\nset-cookie: x=1')).toThrow(TypeError);
    expect(() => new Response('x', { headers: { 'x-a': 'ok\nbad' } })).toThrow(TypeError);
    // The content type is often chosen from input too (a file's stored type, a format parameter).
    expect(() => text('x', { contentType: 'text/plain\r\nset-cookie: x=1' })).toThrow(TypeError);
    expect(() => new Response('x', { contentType: 'a/b\0' })).toThrow(TypeError);
    expect(text('x', { contentType: 'text/csv' }).headers.get('content-type')).toBe('text/csv');
    expect(() => new Response('x').headers.set('bad name', 'v')).toThrow(TypeError);
  });

  it('lets headers be read and changed case-insensitively', () => {
    const response = new Response('x', { headers: [['X-One', '1']] });
    response.headers.append('vary', 'accept').append('Vary', 'cookie').set('x-one', '2');
    expect(response.headers.get('X-ONE')).toBe('2');
    expect(response.headers.getAll('vary')).toEqual(['accept', 'cookie']);
    response.headers.delete('VARY');
    expect([...response.headers]).toEqual([
      ['x-one', '2'],
      ['content-type', 'text/plain; charset=utf-8'],
    ]);
  });
});

describe('cookies', () => {
  function cookieApp() {
    const app = new Flagon();
    app.get('/set', () =>
      new Response('ok')
        .setCookie('sid', 'a b;c')
        .setCookie('pref', 'x', {
          maxAge: 60,
          sameSite: 'Strict',
          httpOnly: false,
          path: '/app',
          domain: 'example.test',
        })
        .deleteCookie('old'),
    );
    return app;
  }

  it('sets cookies with safe defaults and an encoded value', async () => {
    const res = await (await serve(cookieApp())).request({ path: '/set' });
    const lines = res.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value);
    expect(lines).toEqual([
      'sid=a%20b%3Bc; Path=/; HttpOnly; SameSite=Lax',
      'pref=x; Path=/app; Domain=example.test; Max-Age=60; SameSite=Strict',
      'old=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    ]);
  });

  it('sends the same headers each time one Response is served again (cookies once)', async () => {
    const shared = new Response('hi').setCookie('seen', '1');
    const app = new Flagon();
    app.get('/', () => shared);
    const t = await serve(app);
    const expected = [
      ['content-type', 'text/plain; charset=utf-8'],
      ['set-cookie', 'seen=1; Path=/; HttpOnly; SameSite=Lax'],
      ['content-length', '2'],
    ];
    expect((await t.request({ path: '/' })).headers).toEqual(expected);
    expect((await t.request({ path: '/' })).headers).toEqual(expected);
    expect(shared.headers.get('set-cookie')).toBeNull();
  });

  it('adds Secure over https, and for SameSite=None', async () => {
    const res = await (await serve(cookieApp(), { scheme: 'https' })).request({ path: '/set' });
    expect(res.header('set-cookie')).toBe('sid=a%20b%3Bc; Path=/; HttpOnly; SameSite=Lax; Secure');
    const none = new Response('x').setCookie('t', '1', { sameSite: 'None' });
    const app = new Flagon();
    app.get('/', () => none);
    const plain = await (await serve(app)).request({ path: '/' });
    expect(plain.header('set-cookie')).toBe('t=1; Path=/; HttpOnly; SameSite=None; Secure');
  });

  it('rejects invalid cookie names and attributes', () => {
    expect(() => new Response('x').setCookie('bad name', 'v')).toThrow(/Invalid cookie name/);
    // Any other string round-trips (percent-encoded); a lone surrogate cannot be encoded at all.
    expect(() => new Response('x').setCookie('v', '\ud800')).toThrow(/Invalid value for cookie "v"/);
    expect(() => new Response('x').setCookie('ok', 'v', { path: '/a;b' })).toThrow(/Invalid cookie path/);
    expect(() => new Response('x').setCookie('ok', 'v', { maxAge: Number.NaN })).toThrow(/maxAge/);
  });
});

describe('streams', () => {
  it('sends each chunk as it comes, without Content-Length, and HEAD sends headers only', async () => {
    let started = false;
    const app = new Flagon();
    app.get('/numbers', () => {
      started = false;
      return stream(
        (async function* () {
          started = true;
          for (let i = 0; i < 3; i++) yield `${i}\n`;
        })(),
        { contentType: 'text/plain' },
      );
    });
    const t = await serve(app);
    const res = await t.request({ path: '/numbers' });
    expect(res.header('content-length')).toBeUndefined();
    expect(res.header('content-type')).toBe('text/plain');
    expect(await res.text()).toBe('0\n1\n2\n');

    const head = await t.request({ method: 'HEAD', path: '/numbers' });
    expect(await head.text()).toBe('');
    expect(started).toBe(false);
  });

  it('stops the producer when the client goes away, running its finally', async () => {
    let cleaned = false;
    const app = new Flagon();
    app.get('/forever', () =>
      stream(
        (async function* () {
          try {
            for (let i = 0; ; i++) yield `${i},`;
          } finally {
            cleaned = true;
          }
        })(),
      ),
    );
    const res = await (await serve(app)).request({ path: '/forever' });
    const reader = res.body[Symbol.asyncIterator]();
    await reader.next();
    res.disconnect();
    await res.completed;
    await vi.waitFor(() => expect(cleaned).toBe(true));
  });
  it('cuts the connection when the producer fails after the response started (never ends it as complete)', async () => {
    const app = new Flagon();
    app.get('/broken', () =>
      stream(
        (async function* () {
          yield 'partial';
          throw new Error('producer failed');
        })(),
      ),
    );
    const res = await (await serve(app)).request({ path: '/broken' });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    await res.completed;
    expect((res.error as Error).message).toBe('producer failed');
  });
});

describe('server-sent events', () => {
  it('encodes events from an iterable, with the event-stream headers', async () => {
    const app = new Flagon();
    app.get('/events', () =>
      sse(
        (async function* () {
          yield 'plain';
          yield { event: 'user', id: '7', data: { name: 'ada' } };
          yield { data: 'two\nlines', retry: 1000 };
          yield { comment: 'note' };
        })(),
        { heartbeat: 0 },
      ),
    );
    const res = await (await serve(app)).request({ path: '/events' });
    expect(res.header('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.header('cache-control')).toBe('no-cache');
    expect(res.header('x-accel-buffering')).toBe('no');
    expect(await res.text()).toBe(
      'data: plain\n\nevent: user\nid: 7\ndata: {"name":"ada"}\n\nretry: 1000\ndata: two\ndata: lines\n\n: note\n\n',
    );
  });

  it('sends a heartbeat comment while no event is due', async () => {
    let release!: () => void;
    const app = new Flagon();
    app.get('/quiet', () =>
      sse(
        (async function* () {
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          yield 'finally';
        })(),
        { heartbeat: 0.01 },
      ),
    );
    const res = await (await serve(app)).request({ path: '/quiet' });
    const reader = res.body[Symbol.asyncIterator]();
    const first = await reader.next();
    expect(new TextDecoder().decode(first.value)).toBe(':\n\n');
    release();
    let rest = '';
    for (let next = await reader.next(); !next.done; next = await reader.next()) {
      rest += new TextDecoder().decode(next.value);
    }
    expect(rest.replaceAll(':\n\n', '')).toBe('data: finally\n\n');
  });

  it('stops when the client disconnects: the source iterator is returned and its finally runs', async () => {
    let finallyRan = false;
    const app = new Flagon();
    app.get('/ticks', () =>
      sse(
        (async function* () {
          try {
            for (let i = 0; ; i++) {
              yield { event: 'tick', data: i };
              await new Promise((resolve) => setTimeout(resolve, 1));
            }
          } finally {
            finallyRan = true;
          }
        })(),
      ),
    );
    const res = await (await serve(app)).request({ path: '/ticks' });
    const reader = res.body[Symbol.asyncIterator]();
    expect(new TextDecoder().decode((await reader.next()).value)).toBe('event: tick\ndata: 0\n\n');
    await reader.next();
    res.disconnect();
    await res.completed;
    await vi.waitFor(() => expect(finallyRan).toBe(true));
  });

  it('ends the stream cleanly when the server drains', async () => {
    const app = new Flagon();
    app.get('/drained', () =>
      sse(
        (async function* () {
          yield 'first';
          await new Promise(() => {});
        })(),
      ),
    );
    const t = await serve(app);
    const drained = await t.request({ path: '/drained' });
    const events = drained.body[Symbol.asyncIterator]();
    expect(new TextDecoder().decode((await events.next()).value)).toBe('data: first\n\n');
    t.drain();
    expect(await events.next()).toEqual({ done: true, value: undefined });
    await drained.completed;
    expect(drained.error).toBeUndefined();
  });

  it.each([
    [{ id: 'a\0b', data: 'x' }, 'SSE id must not contain NUL: browsers ignore such an id'],
    [{ retry: Number.NaN, data: 'x' }, 'SSE retry must be a number of milliseconds, got NaN'],
    [{ data: () => 'x' }, 'SSE data: a function is not serializable as JSON'],
  ])('refuses an event no browser would take as meant: %j', async (bad, message) => {
    const logger = recordingLogger();
    const app = new Flagon();
    app.get('/events', () =>
      sse(
        (async function* () {
          yield 'first';
          yield bad;
        })(),
        { heartbeat: 0 },
      ),
    );
    // The stream fails after the start, so the server cuts the response and logs why.
    const res = await (await serve(app, { logger })).request({ path: '/events' });
    // Once written out (`retry: NaN`, an id browsers ignore, a `data:` line of "undefined"); now the
    // stream fails there, the response is cut and the log says why.
    await expect(res.text()).rejects.toThrow();
    await res.completed;
    expect(logger.lines.join('\n')).toContain(message);
  });

  it("aborts a producer's signal on disconnect, and rejects its later sends", async () => {
    let producerSaw: unknown = 'nothing';
    const app = new Flagon();
    app.get('/produced', () =>
      sse(async (send, signal) => {
        await send({ data: 'hello' });
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        await send('too late').catch((error: Error) => {
          producerSaw = error.name;
        });
      }),
    );
    const produced = await (await serve(app)).request({ path: '/produced' });
    const reader = produced.body[Symbol.asyncIterator]();
    expect(new TextDecoder().decode((await reader.next()).value)).toBe('data: hello\n\n');
    produced.disconnect();
    await vi.waitFor(() => expect(producerSaw).toBe('ClientDisconnectedError'));
  });
});
