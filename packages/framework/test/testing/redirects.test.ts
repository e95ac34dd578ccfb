import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { type Echo, echo, headerOf, httpApp, readBody, respond } from './apps.js';

/**
 * `/redirect/<status>?to=<location>` redirects (setting a cookie on the way), `/loop` redirects to
 * itself, anything else is echoed.
 */
const redirectingApp = httpApp(async (scope, receive, send) => {
  const redirect = /^\/redirect\/(\d{3})$/.exec(scope.path);
  if (redirect || scope.path === '/loop') {
    await readBody(receive);
    const location = new URLSearchParams(scope.queryString).get('to') ?? '/loop';
    await respond(send, Number(redirect?.[1] ?? 302), 'moved', [
      ['location', location],
      ['set-cookie', `via=${redirect?.[1] ?? 'loop'}; Path=/`],
    ]);
    return;
  }
  await echo(scope, receive, send);
});

const client = createTestClient(redirectingApp);

/** A one-shot body: a generator can be read only once. */
async function* chunks(): AsyncGenerator<string> {
  yield 'a';
  yield 'b';
}

describe('redirects', () => {
  it('are handed to the test by default', async () => {
    const res = await client.get('/redirect/302', { query: { to: '/done' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/done');
    expect(res.redirected).toBe(false);
    expect(await res.text()).toBe('moved');
  });

  it('are followed with { follow: true }, keeping the cookies set on the way', async () => {
    const res = await createTestClient(redirectingApp).get('/redirect/302', {
      query: { to: '/done?x=1' },
      follow: true,
    });
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(res.url).toBe('http://testserver/done?x=1');
    const seen = await res.json<Echo>();
    expect(seen.path).toBe('/done');
    expect(seen.queryString).toBe('x=1');
    expect(headerOf(seen, 'cookie')).toBe('via=302');
  });

  it('are followed for every request when the client says so, unless a request says not', async () => {
    const following = createTestClient(redirectingApp, { follow: true });
    expect((await following.get('/redirect/301', { query: { to: '/a' } })).status).toBe(200);
    expect((await following.get('/redirect/301', { query: { to: '/a' }, follow: false })).status).toBe(301);
  });

  it('turn a POST into a GET without its body on 303 (and 301/302)', async () => {
    for (const status of [301, 302, 303]) {
      const res = await client.post(`/redirect/${status}`, {
        query: { to: '/result' },
        json: { a: 1 },
        headers: { 'content-language': 'en', 'x-kept': '1' },
        follow: true,
      });
      const seen = await res.json<Echo>();
      expect(seen.method).toBe('GET');
      expect(seen.body).toBe('');
      expect(headerOf(seen, 'content-type')).toBeUndefined();
      expect(headerOf(seen, 'content-language')).toBeUndefined(); // it described the body
      expect(headerOf(seen, 'x-kept')).toBe('1');
    }
  });

  it('turn a POST into a GET whatever case the method was written in', async () => {
    const res = await client.request('post', '/redirect/302', {
      query: { to: '/result' },
      form: { a: '1' },
      follow: true,
    });
    const seen = await res.json<Echo>();
    expect(seen.method).toBe('GET');
    expect(seen.body).toBe('');
  });

  it('drop a one-shot body that a POST turned into a GET no longer needs', async () => {
    const res = await client.post('/redirect/303', {
      query: { to: '/result' },
      body: chunks(),
      follow: true,
    });
    expect((await res.json<Echo>()).method).toBe('GET');
  });

  it('keep the method and the body on 307 and 308', async () => {
    for (const status of [307, 308]) {
      const res = await client.put(`/redirect/${status}`, {
        query: { to: '/target' },
        json: { a: 1 },
        follow: true,
      });
      const seen = await res.json<Echo>();
      expect(seen.method).toBe('PUT');
      expect(seen.body).toBe('{"a":1}');
    }
  });

  it('send an array of chunks again on 307 and 308, chunked as the first time', async () => {
    const res = await client.post('/redirect/307', {
      query: { to: '/target' },
      body: ['a', 'b'],
      follow: true,
    });
    const seen = await res.json<Echo>();
    expect(seen.body).toBe('ab');
    expect(headerOf(seen, 'transfer-encoding')).toBe('chunked');
  });

  it('reject when a 307 or 308 needs a one-shot body again, as fetch does, not send it empty', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('once'));
        controller.close();
      },
    });
    for (const body of [chunks(), stream]) {
      await expect(
        client.put('/redirect/308', { query: { to: '/target' }, body, follow: true }),
      ).rejects.toThrow(
        'cannot follow the 308 redirect to http://testserver/target: it needs the request body again',
      );
    }
    // Not followed, the redirect is the test's to see.
    expect((await client.post('/redirect/307', { query: { to: '/target' }, body: chunks() })).status).toBe(
      307,
    );
  });

  it('to another site are handed back, as the app cannot answer for it', async () => {
    const res = await client.get('/redirect/302', {
      query: { to: 'https://elsewhere.test/x' },
      follow: true,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://elsewhere.test/x');
  });

  it('reject past maxRedirects, naming the last hop', async () => {
    const limited = createTestClient(redirectingApp, { follow: true, maxRedirects: 3 });
    await expect(limited.get('/loop')).rejects.toThrow(
      'more than 3 redirects, the last to http://testserver/loop',
    );
  });
});
