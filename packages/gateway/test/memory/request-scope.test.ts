import type { App, HttpScope } from '@flagon/gateway';
import { createMemoryTransport } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

/** An app that answers with its own scope as JSON (minus the signals), so tests can see what it got. */
const scopeEcho: App = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  while (true) {
    const event = await receive();
    if (event.type !== 'http.request' || !event.more) break;
  }
  // Read key by key: like the Node bridge's, the scope builds its costly fields on first read (getters).
  const visible = Object.fromEntries(SEEN_KEYS.map((key) => [key, scope[key]]));
  const body = JSON.stringify({ ...visible, extensions: Object.keys(scope.extensions) });
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'application/json']] });
  await send({ type: 'http.response.body', body });
};

type SeenScope = Omit<HttpScope, 'signal' | 'drain' | 'extensions'> & { extensions: string[] };

const SEEN_KEYS = [
  'type',
  'gateway',
  'httpVersion',
  'method',
  'scheme',
  'path',
  'rawPath',
  'queryString',
  'rootPath',
  'headers',
  'client',
  'server',
  'state',
] as const satisfies ReadonlyArray<keyof SeenScope>;

async function scopeOf(request: Parameters<ReturnType<typeof createMemoryTransport>['request']>[0]) {
  const transport = createMemoryTransport(scopeEcho);
  const res = await transport.request(request);
  const seen = await res.json<SeenScope>();
  await transport.close();
  return seen;
}

describe('memory transport: the scope a request makes', () => {
  it('splits the query off the path, decodes the path and keeps rawPath as given', async () => {
    const scope = await scopeOf({ path: '/caf%C3%A9/a%2Fb?x=1&y=%20' });
    expect(scope).toMatchObject({
      type: 'http',
      gateway: { version: '1.0' },
      method: 'GET',
      path: '/café/a/b',
      rawPath: '/caf%C3%A9/a%2Fb',
      queryString: 'x=1&y=%20',
      rootPath: '',
      httpVersion: '1.1',
      scheme: 'http',
    });
  });

  it('appends query parameters given as a record, URLSearchParams or string', async () => {
    expect((await scopeOf({ path: '/?a=1', query: { tag: ['x', 'y z'] } })).queryString).toBe(
      'a=1&tag=x&tag=y+z',
    );
    expect((await scopeOf({ path: '/', query: new URLSearchParams({ q: 'é' }) })).queryString).toBe(
      'q=%C3%A9',
    );
    expect((await scopeOf({ path: '/', query: '?raw=%41' })).queryString).toBe('raw=%41');
  });

  it('lowercases header names, keeps repeats in order and adds a host header when absent', async () => {
    const scope = await scopeOf({
      path: '/',
      headers: [
        ['X-One', 'a'],
        ['x-one', 'b'],
      ],
    });
    expect(scope.headers).toEqual([
      ['host', 'localhost'],
      ['x-one', 'a'],
      ['x-one', 'b'],
    ]);
    const fromRecord = await scopeOf({ path: '/', headers: { Host: 'example.test', Accept: 'text/html' } });
    expect(fromRecord.headers).toEqual([
      ['host', 'example.test'],
      ['accept', 'text/html'],
    ]);
    const fromHeaders = await scopeOf({ path: '/', headers: new Headers({ 'X-A': '1' }) });
    expect(fromHeaders.headers).toContainEqual(['x-a', '1']);
  });

  it('adds content-length for a whole body and transfer-encoding for a chunked one, like a client', async () => {
    const whole = await scopeOf({ method: 'post', path: '/', body: 'héllo' });
    expect(whole.method).toBe('POST');
    expect(whole.headers).toContainEqual(['content-length', '6']);
    const chunked = await scopeOf({ method: 'POST', path: '/', body: ['a', 'b'] });
    expect(chunked.headers).toContainEqual(['transfer-encoding', 'chunked']);
    const explicit = await scopeOf({
      method: 'POST',
      path: '/',
      body: 'x',
      headers: { 'content-length': '1' },
    });
    expect(explicit.headers.filter(([name]) => name === 'content-length')).toHaveLength(1);
  });

  it('takes rootPath off a path that starts with it, as every transport does', async () => {
    expect(await scopeOf({ path: '/api/users?page=2', rootPath: '/api' })).toMatchObject({
      path: '/users',
      queryString: 'page=2',
    });
    expect(await scopeOf({ path: '/users', rootPath: '/api' })).toMatchObject({
      path: '/users',
      rootPath: '/api',
    });
  });

  it('fills client, server, scheme and rootPath from the transport, overridable per request', async () => {
    const transport = createMemoryTransport(scopeEcho, {
      client: { host: '10.0.0.7', port: 4000 },
      server: { host: 'api.test', port: 8443 },
      scheme: 'https',
      rootPath: '/api',
    });
    const seen = await (await transport.request({ path: '/x' })).json<SeenScope>();
    expect(seen).toMatchObject({
      client: { host: '10.0.0.7', port: 4000 },
      server: { host: 'api.test', port: 8443 },
      scheme: 'https',
      rootPath: '/api',
    });
    expect(seen.headers).toContainEqual(['host', 'api.test:8443']);
    const other = await (
      await transport.request({ path: '/x', client: null, scheme: 'http', rootPath: '', httpVersion: '2' })
    ).json<SeenScope>();
    expect(other).toMatchObject({ client: null, scheme: 'http', rootPath: '', httpVersion: '2' });
    await transport.close();
  });

  it('offers every extension by default, and only those asked for otherwise', async () => {
    expect((await scopeOf({ path: '/' })).extensions.sort()).toEqual([
      'earlyHints',
      'file',
      'tasks',
      'trailers',
    ]);
    const transport = createMemoryTransport(scopeEcho, { extensions: { trailers: false, file: false } });
    const seen = await (await transport.request({ path: '/' })).json<SeenScope>();
    expect(seen.extensions.sort()).toEqual(['earlyHints', 'tasks']);
    await transport.close();
  });

  it('answers 400 without calling the app for a target a server could not decode', async () => {
    let called = 0;
    const app: App = async (scope, receive, send) => {
      if (scope.type === 'http') called++;
      await scopeEcho(scope, receive, send);
    };
    const transport = createMemoryTransport(app);
    for (const path of ['/%FF', '/a%zz', '/%C3', 'relative']) {
      const res = await transport.request({ path });
      expect([path, res.status, await res.text()]).toEqual([path, 400, 'Bad Request']);
    }
    expect(called).toBe(0);
    expect((await transport.request({ path: '/ok%20' })).status).toBe(200);
    expect(called).toBe(1);
    await transport.close();
  });

  it('refuses a header value no client could send', async () => {
    const transport = createMemoryTransport(scopeEcho);
    await expect(
      transport.request({ path: '/', headers: { 'x-a': 'one\r\ninjected: yes' } }),
    ).rejects.toThrow(TypeError);
    await transport.close();
  });
});
