import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { type Echo, echoApp, headerOf } from './apps.js';

const client = createTestClient(echoApp);

async function echoOf(response: Promise<{ status: number; json<T>(): Promise<T> }>): Promise<Echo> {
  const res = await response;
  expect(res.status).toBe(200);
  return res.json<Echo>();
}

describe('request methods', () => {
  it.each([
    ['get', 'GET'],
    ['head', 'HEAD'],
    ['options', 'OPTIONS'],
    ['delete', 'DELETE'],
    ['post', 'POST'],
    ['put', 'PUT'],
    ['patch', 'PATCH'],
  ] as const)('client.%s sends %s', async (name, method) => {
    const res = await client[name]('/thing');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-method')).toBe(method);
  });

  it('client.request sends any method', async () => {
    expect((await echoOf(client.request('PROPFIND', '/dav'))).method).toBe('PROPFIND');
  });
});

describe('request targets', () => {
  it('merges the query option after the query in the path, writing numbers and arrays', async () => {
    const seen = await echoOf(
      client.get('/search?q=a+b', { query: { page: 2, tag: ['x', 'y'], skip: undefined } }),
    );
    expect(seen.path).toBe('/search');
    expect(seen.queryString).toBe('q=a+b&page=2&tag=x&tag=y');
  });

  it('takes the query as URLSearchParams or as an already encoded string', async () => {
    expect((await echoOf(client.get('/s', { query: new URLSearchParams({ a: '1 2' }) }))).queryString).toBe(
      'a=1+2',
    );
    expect((await echoOf(client.get('/s', { query: 'a=%20' }))).queryString).toBe('a=%20');
  });

  it('keeps the path as written: dot segments and double slashes reach the app', async () => {
    const seen = await echoOf(client.get('/static/../secret'));
    expect(seen.rawPath).toBe('/static/../secret');
    expect((await echoOf(client.get('//double'))).rawPath).toBe('//double');
    expect((await echoOf(client.get('/a\\b'))).rawPath).toBe('/a\\b');
  });

  it('encodes what may not appear raw, and leaves percent escapes alone', async () => {
    const seen = await echoOf(client.get('/caf%C3%A9/a b/ü'));
    expect(seen.rawPath).toBe('/caf%C3%A9/a%20b/%C3%BC');
    expect(seen.path).toBe('/café/a b/ü');
    // A lone surrogate has no UTF-8 form: U+FFFD goes instead, as the URL parser writes it.
    expect((await echoOf(client.get('/x\ud800'))).rawPath).toBe('/x%EF%BF%BD');
  });

  it('takes an absolute URL on the base origin, and drops the fragment', async () => {
    const seen = await echoOf(client.get('http://testserver/x?y=1#top'));
    expect(seen.rawPath).toBe('/x');
    expect(seen.queryString).toBe('y=1');
  });

  it('takes an absolute URL that spells out the default port', async () => {
    const seen = await echoOf(client.get('http://testserver:80/x?y=1'));
    expect(seen.rawPath).toBe('/x');
    expect(headerOf(seen, 'host')).toBe('testserver');
    const https = createTestClient(echoApp, { baseUrl: 'https://shop.test' });
    expect((await echoOf(https.get('https://shop.test:443/cart'))).rawPath).toBe('/cart');
  });

  it('refuses an absolute URL on another origin, which the app cannot answer for', async () => {
    await expect(client.get('http://other.example/x')).rejects.toThrow(
      "http://other.example/x is not on the client's origin http://testserver",
    );
    await expect(client.get('https://testserver/x')).rejects.toThrow(/not on the client's origin/);
  });

  it('sends [ ] | : @ raw, as browsers and fetch do', async () => {
    const seen = await echoOf(client.get('/a[1]|x:y@z?filter[name]=ann&sort={id}&x=a|b^c'));
    expect(seen.rawPath).toBe('/a[1]|x:y@z');
    expect(seen.queryString).toBe('filter[name]=ann&sort={id}&x=a|b^c');
    expect(seen.path).toBe('/a[1]|x:y@z');
  });

  it('escapes each printable character in the path and the query as the URL parser does', async () => {
    // `#` and `?` delimit, `%` starts an escape, `\` is read as `/` by the parser (the client keeps it),
    // and `^` in a path is escaped by the URL Standard since 2025 (as browsers do), not by Node 20's parser.
    const printable = Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i));
    for (const char of printable.filter((c) => !'#?%\\^'.includes(c))) {
      const written = `/a${char}b?q${char}r`;
      const expected = new URL(written, 'http://testserver');
      const seen = await echoOf(client.get(written));
      expect([char, seen.rawPath, `?${seen.queryString}`]).toEqual([
        char,
        expected.pathname,
        expected.search,
      ]);
    }
    const caret = await echoOf(client.get('/a^b?q^r'));
    expect([caret.rawPath, caret.queryString]).toEqual(['/a%5Eb', 'q^r']);
  });

  it('escapes what cannot go raw in a query given as a string, and drops an empty query', async () => {
    expect((await echoOf(client.get('/s', { query: 'q=a b&n=%20' }))).queryString).toBe('q=a%20b&n=%20');
    const seen = await echoOf(client.get('/s?', { query: { q: 'x' } }));
    expect(seen.queryString).toBe('q=x');
  });
});

describe('request headers', () => {
  it('sends the Host of the base URL, and its scheme', async () => {
    const seen = await echoOf(
      createTestClient(echoApp, { baseUrl: 'https://api.example.test:8443' }).get('/'),
    );
    expect(headerOf(seen, 'host')).toBe('api.example.test:8443');
    expect(seen.scheme).toBe('https');
    expect(headerOf(await echoOf(client.get('/')), 'host')).toBe('testserver');
  });

  it('sends the client headers with every request, a request header of the same name replacing one', async () => {
    const withDefaults = createTestClient(echoApp, {
      headers: { Accept: 'application/json', 'X-Team': 'a' },
    });
    const seen = await echoOf(withDefaults.get('/', { headers: { 'x-team': 'b', 'X-Tag': ['1', '2'] } }));
    expect(seen.headers.filter(([name]) => name.startsWith('x-') || name === 'accept')).toEqual([
      ['accept', 'application/json'],
      ['x-team', 'b'],
      ['x-tag', '1'],
      ['x-tag', '2'],
    ]);
  });

  it('takes headers as a [name, value] list too', async () => {
    const seen = await echoOf(client.get('/', { headers: [['X-One', '1']] }));
    expect(headerOf(seen, 'x-one')).toBe('1');
  });
});

describe('request bodies', () => {
  it('sends json with its content type and length', async () => {
    const seen = await echoOf(client.post('/items', { json: { name: 'café', price: 3 } }));
    expect(JSON.parse(seen.body)).toEqual({ name: 'café', price: 3 });
    expect(headerOf(seen, 'content-type')).toBe('application/json');
    expect(headerOf(seen, 'content-length')).toBe(String(new TextEncoder().encode(seen.body).byteLength));
  });

  it('keeps a content type the test set itself', async () => {
    const seen = await echoOf(
      client.post('/', { json: [1], headers: { 'content-type': 'application/vnd.x+json' } }),
    );
    expect(headerOf(seen, 'content-type')).toBe('application/vnd.x+json');
    expect(seen.body).toBe('[1]');
  });

  it('sends a record or URLSearchParams as an urlencoded form', async () => {
    const seen = await echoOf(
      client.post('/login', { form: { user: 'ann b', remember: true, role: ['a', 'b'] } }),
    );
    expect(headerOf(seen, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(seen.body).toBe('user=ann+b&remember=true&role=a&role=b');
    const params = await echoOf(client.post('/login', { form: new URLSearchParams({ x: '1' }) }));
    expect(params.body).toBe('x=1');
  });

  it('sends FormData as multipart, files included', async () => {
    const form = new FormData();
    form.append('title', 'report');
    form.append('upload', new Blob(['file bytes'], { type: 'text/plain' }), 'notes.txt');
    const seen = await echoOf(client.post('/upload', { form }));
    const contentType = headerOf(seen, 'content-type') ?? '';
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    const boundary = contentType.split('boundary=')[1];
    expect(seen.body).toContain(`--${boundary}`);
    expect(seen.body).toContain('name="title"\r\n\r\nreport');
    expect(seen.body).toContain('filename="notes.txt"');
    expect(seen.body).toContain('file bytes');
  });

  it('sends a raw body as is, whole or in chunks', async () => {
    const whole = await echoOf(
      client.put('/raw', { body: 'plain words', headers: { 'content-type': 'text/plain' } }),
    );
    expect(whole.body).toBe('plain words');
    expect(headerOf(whole, 'content-type')).toBe('text/plain');
    async function* chunks() {
      yield 'one,';
      yield new TextEncoder().encode('two');
    }
    const chunked = await echoOf(client.post('/raw', { body: chunks() }));
    expect(chunked.body).toBe('one,two');
    expect(headerOf(chunked, 'transfer-encoding')).toBe('chunked');
  });

  it('refuses a request given two bodies', async () => {
    await expect(client.post('/', { json: {}, form: { a: '1' } })).rejects.toThrow(
      /one of json, form or body/,
    );
  });
});
