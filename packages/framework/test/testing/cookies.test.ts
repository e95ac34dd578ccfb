import { CookieJar, createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { type Echo, echoApp, headerOf, httpApp, readBody, respond } from './apps.js';

/** `?set=<Set-Cookie line>` (repeatable) sets cookies; every answer echoes the request's Cookie header. */
const cookieApp = httpApp(async (scope, receive, send) => {
  await readBody(receive);
  const lines = new URLSearchParams(scope.queryString).getAll('set');
  const cookie = scope.headers.find(([name]) => name === 'cookie')?.[1] ?? '';
  await respond(send, 200, cookie, [
    ['content-type', 'text/plain'],
    ...lines.map((line) => ['set-cookie', line] as const),
  ]);
});

/** Sets `lines` with a request to `setAt`, then returns the Cookie header a request to `sendTo` carries. */
async function cookieAfter(
  lines: string[],
  setAt: string,
  sendTo: string,
  baseUrl?: string,
): Promise<string> {
  const client = createTestClient(cookieApp, baseUrl === undefined ? {} : { baseUrl });
  await client.get(setAt, { query: { set: lines } });
  return (await client.get(sendTo)).text();
}

describe('the test client cookie jar', () => {
  it('sends back the cookies a response set, on later requests', async () => {
    const client = createTestClient(cookieApp);
    const first = await client.get('/login', { query: { set: ['sid=abc; Path=/; HttpOnly', 'theme=dark'] } });
    expect(first.headers.getSetCookie()).toEqual(['sid=abc; Path=/; HttpOnly', 'theme=dark']);
    expect(await first.text()).toBe('');
    expect(await (await client.get('/')).text()).toBe('sid=abc; theme=dark');
    expect(client.cookies.get('sid')).toBe('abc');
  });

  it('honours Path: a cookie goes to its path and below, longest path first', async () => {
    const lines = ['a=1; Path=/admin', 'b=2; Path=/'];
    expect(await cookieAfter(lines, '/', '/admin/users')).toBe('a=1; b=2');
    expect(await cookieAfter(lines, '/', '/administrator')).toBe('b=2');
    expect(await cookieAfter(lines, '/', '/')).toBe('b=2');
  });

  it('gives a cookie without Path the directory of the request path', async () => {
    expect(await cookieAfter(['a=1'], '/docs/page', '/docs/other')).toBe('a=1');
    expect(await cookieAfter(['a=1'], '/docs/page', '/blog')).toBe('');
  });

  it('deletes a cookie set again with Max-Age=0 or a past Expires', async () => {
    const client = createTestClient(cookieApp);
    await client.get('/', { query: { set: ['a=1', 'b=2', 'c=3'] } });
    await client.get('/', { query: { set: ['a=; Max-Age=0', 'b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT'] } });
    expect(await (await client.get('/')).text()).toBe('c=3');
  });

  it('lets Max-Age win over Expires', async () => {
    const line = 'a=1; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT';
    expect(await cookieAfter([line], '/', '/')).toBe('a=1');
  });

  it('sends Secure cookies over https only', async () => {
    expect(await cookieAfter(['s=1; Secure', 'p=2'], '/', '/')).toBe('p=2');
    expect(await cookieAfter(['s=1; Secure', 'p=2'], '/', '/', 'https://testserver')).toBe('s=1; p=2');
  });

  it('ignores a Secure cookie set over http, as browsers do', async () => {
    const client = createTestClient(cookieApp);
    await client.get('/', { query: { set: ['s=1; Secure', 'p=2'] } });
    expect(client.cookies.get('s')).toBeUndefined();
    expect(client.cookies.all().map((c) => c.name)).toEqual(['p']);
  });

  it('ignores a Domain the host does not belong to, and widens to subdomains for one it does', async () => {
    expect(await cookieAfter(['a=1; Domain=other.test'], '/', '/', 'http://app.example.test')).toBe('');
    const jar = new CookieJar();
    jar.store(new URL('http://app.example.test/'), ['wide=1; Domain=example.test', 'narrow=2']);
    expect(jar.header(new URL('http://api.example.test/'))).toBe('wide=1');
    expect(jar.header(new URL('http://app.example.test/'))).toBe('wide=1; narrow=2');
  });

  it('never widens a cookie set by an IP address to other hosts', async () => {
    const client = createTestClient(cookieApp, { baseUrl: 'http://10.0.0.1' });
    await client.get('/', { query: { set: ['wide=1; Domain=0.0.1', 'own=2; Domain=10.0.0.1'] } });
    expect(client.cookies.all().map((c) => [c.name, c.domain, c.hostOnly])).toEqual([
      ['own', '10.0.0.1', true],
    ]);
    expect(client.cookies.header(new URL('http://99.0.0.1/'))).toBeNull();
    expect(await (await client.get('/')).text()).toBe('own=2');
  });

  it("merges a test's own Cookie header with the jar's into one line", async () => {
    const client = createTestClient(cookieApp);
    await client.get('/', { query: { set: 'jar=1' } });
    expect(await (await client.get('/', { headers: { cookie: 'own=2' } })).text()).toBe('own=2; jar=1');
  });

  it('can be filled and emptied by the test', async () => {
    const client = createTestClient(cookieApp);
    client.cookies.set('token', 'xyz');
    expect(await (await client.get('/')).text()).toBe('token=xyz');
    client.cookies.delete('token');
    expect(await (await client.get('/')).text()).toBe('');
    client.cookies.set('a', '1', { path: '/a' });
    client.cookies.clear();
    expect(client.cookies.all()).toEqual([]);
  });

  it('sets a cookie by hand for a domain and its subdomains, a leading dot ignored', async () => {
    const client = createTestClient(cookieApp, { baseUrl: 'http://www.example.test' });
    client.cookies.set('dotted', '1', { domain: '.Example.test' });
    client.cookies.set('plain', '2', { domain: 'example.test' });
    expect(await (await client.get('/')).text()).toBe('dotted=1; plain=2');
    expect(client.cookies.header(new URL('http://example.test/'))).toBe('dotted=1; plain=2');
    expect(client.cookies.header(new URL('http://other.test/'))).toBeNull();
    client.cookies.set('ip', '3', { domain: '0.0.1' });
    expect(client.cookies.header(new URL('http://10.0.0.1/'))).toBeNull();
  });

  it('sends no Cookie header while the jar has nothing for the request', async () => {
    const seen = await (await createTestClient(echoApp).get('/')).json<Echo>();
    expect(headerOf(seen, 'cookie')).toBeUndefined();
  });

  it('keeps cookies per client', async () => {
    const one = createTestClient(cookieApp);
    await one.get('/', { query: { set: 'who=one' } });
    const seen = await createTestClient(cookieApp).get('/');
    expect(await seen.text()).toBe('');
  });
});

describe('CookieJar', () => {
  it('expires cookies by its clock', () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const jar = new CookieJar({ now: () => now });
    const url = new URL('http://testserver/');
    jar.store(url, ['short=1; Max-Age=60', 'dated=2; Expires=Tue, 01 Jan 2030 01:00:00 GMT', 'session=3']);
    expect(jar.header(url)).toBe('short=1; dated=2; session=3');
    now += 61_000;
    expect(jar.header(url)).toBe('dated=2; session=3');
    now += 3_600_000;
    expect(jar.header(url)).toBe('session=3');
    expect(jar.all().map((c) => c.name)).toEqual(['session']);
  });

  it('keeps the attributes it parsed', () => {
    const jar = new CookieJar();
    jar.store(new URL('https://testserver/app/x'), [
      'sid=a%20b; Path=/app; Secure; HttpOnly; SameSite=Strict',
    ]);
    expect(jar.all()).toEqual([
      {
        name: 'sid',
        value: 'a%20b',
        domain: 'testserver',
        hostOnly: true,
        path: '/app',
        expires: null,
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      },
    ]);
  });

  it('skips a line without a name=value pair', () => {
    const jar = new CookieJar();
    jar.store(new URL('http://testserver/'), ['garbage', '=novalue', 'ok=1']);
    expect(jar.header(new URL('http://testserver/'))).toBe('ok=1');
  });
});
