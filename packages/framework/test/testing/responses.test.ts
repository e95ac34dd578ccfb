import { createTestClient } from '@flagon/framework/testing';
import { isClientDisconnected } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { httpApp, readBody, respond } from './apps.js';

describe('test responses', () => {
  it('show the status, the headers (case-insensitive, repeated ones kept) and the body', async () => {
    const app = httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await respond(send, 201, '{"id":7}', [
        ['content-type', 'application/json'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['vary', 'accept'],
        ['vary', 'cookie'],
      ]);
    });
    const res = await createTestClient(app).post('/items');
    expect(res.status).toBe(201);
    expect(res.ok).toBe(true);
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(res.headers.get('vary')).toBe('accept, cookie');
    expect(res.rawHeaders.filter(([name]) => name === 'vary')).toEqual([
      ['vary', 'accept'],
      ['vary', 'cookie'],
    ]);
    expect(await res.json<{ id: number }>()).toEqual({ id: 7 });
    expect(await res.text()).toBe('{"id":7}'); // read again: the same body
    expect(new TextDecoder().decode(await res.bytes())).toBe('{"id":7}');
  });

  it('stream the body chunk by chunk, and a disconnect reaches the app', async () => {
    let stoppedBy: unknown;
    const ticker = httpApp(async (scope, receive, send) => {
      await readBody(receive);
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      try {
        for (let n = 0; ; n++) await send({ type: 'http.response.body', body: `tick ${n}\n`, more: true });
      } catch (error) {
        if (!isClientDisconnected(error)) throw error;
        stoppedBy = scope.signal.reason;
      }
    });
    const res = await createTestClient(ticker).get('/events');
    const chunks: string[] = [];
    for await (const chunk of res.body) {
      chunks.push(new TextDecoder().decode(chunk));
      if (chunks.length === 3) break;
    }
    expect(chunks).toEqual(['tick 0\n', 'tick 1\n', 'tick 2\n']);
    await res.completed;
    expect(isClientDisconnected(stoppedBy)).toBe(true);
    expect(res.error).toBeUndefined();
  });

  it('disconnect() aborts the signal of a request the app is still serving', async () => {
    let aborted = false;
    const waiter = httpApp(async (scope, receive, send) => {
      await readBody(receive);
      await send({ type: 'http.response.start', status: 200 });
      await new Promise((resolve) => scope.signal.addEventListener('abort', resolve));
      aborted = true;
    });
    const res = await createTestClient(waiter).get('/wait');
    res.disconnect();
    await res.completed;
    expect(aborted).toBe(true);
  });

  it("carry the app's error behind a 500", async () => {
    const failing = httpApp(async () => {
      throw new Error('boom');
    });
    const res = await createTestClient(failing).get('/');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('boom');
    await res.completed;
    expect(res.error).toBeInstanceOf(Error);
    expect((res.error as Error).message).toBe('boom');
  });

  it('answer 500, as a server does, for a header that cannot go on the wire', async () => {
    // Node refuses a header value past U+00FF (and Fetch's Headers would throw): the app fails, not the test.
    const app = httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await respond(send, 302, '', [['location', '/日本']]);
    });
    const res = await createTestClient(app).get('/go', { follow: true });
    expect(res.status).toBe(500);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toBe('Internal Server Error');
    await res.completed;
    expect(String(res.error)).toMatch(/invalid character in the value of header "location"/);
  });

  it('show early hints and trailers', async () => {
    const app = httpApp(async (scope, receive, send) => {
      await readBody(receive);
      if (scope.extensions.earlyHints) {
        await send({ type: 'http.response.early_hints', headers: [['link', '</app.css>; rel=preload']] });
      }
      await send({ type: 'http.response.start', status: 200, trailers: true });
      await send({ type: 'http.response.body', body: 'data' });
      await send({ type: 'http.response.trailers', headers: [['x-checksum', 'abc']] });
    });
    const res = await createTestClient(app).get('/');
    expect(res.earlyHints).toEqual([[['link', '</app.css>; rel=preload']]]);
    expect(await res.text()).toBe('data');
    expect(await res.trailers).toEqual([['x-checksum', 'abc']]);
  });

  it('reflect the extensions option: an extension turned off is not offered', async () => {
    const app = httpApp(async (scope, receive, send) => {
      await readBody(receive);
      await respond(send, 200, Object.keys(scope.extensions).sort().join(','));
    });
    const res = await createTestClient(app, { extensions: { earlyHints: false, file: false } }).get('/');
    expect(await res.text()).toBe('tasks,trailers');
  });
});
