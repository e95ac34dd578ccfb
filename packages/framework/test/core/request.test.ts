import { describe, expect, it } from 'vitest';
import { Flagon, UploadedFile } from '../../src/index.js';
import { serve } from './helpers.js';

describe('the request view', () => {
  it('exposes method, path, URL, multi-valued query and headers, cookies and client', async () => {
    const app = new Flagon();
    app.get('/a b/:x', (c) => ({
      method: c.request.method,
      path: c.request.path,
      url: c.request.url.href,
      tags: c.request.query.getAll('tag'),
      page: c.query.get('page'),
      accept: c.request.headers.get('ACCEPT'),
      forwarded: c.headers.get('x-forwarded-for'),
      forwardedAll: c.request.headers.getAll('x-forwarded-for'),
      cookies: c.request.cookies,
      client: c.request.client,
    }));
    const res = await (await serve(app)).request({
      path: '/a%20b/1?tag=a&tag=b&page=2',
      headers: [
        ['host', 'example.test'],
        ['accept', 'text/plain'],
        ['x-forwarded-for', '10.0.0.1'],
        ['x-forwarded-for', '10.0.0.2'],
        ['cookie', 'sid=a%20b; theme=dark; sid=shadowed'],
      ],
    });
    expect(await res.json()).toEqual({
      method: 'GET',
      path: '/a b/1',
      url: 'http://example.test/a%20b/1?tag=a&tag=b&page=2',
      tags: ['a', 'b'],
      page: '2',
      accept: 'text/plain',
      forwarded: '10.0.0.1, 10.0.0.2',
      forwardedAll: ['10.0.0.1', '10.0.0.2'],
      cookies: { sid: 'a b', theme: 'dark' },
      client: { host: '127.0.0.1', port: 50000 },
    });
  });

  it('includes the mount prefix in the URL', async () => {
    const app = new Flagon();
    app.get('/x', (c) => c.request.url.pathname);
    const res = await (await serve(app, { rootPath: '/mounted' })).request({ path: '/x' });
    expect(await res.text()).toBe('/mounted/x');
  });
});

describe('the request body', () => {
  it('is read once and cached, so a before hook and the handler both read it', async () => {
    const app = new Flagon();
    app.before(async (c) => {
      c.g.peek = await c.request.text();
    });
    app.post('/echo', async (c) => ({
      peek: c.g.peek,
      json: await c.request.json(),
      bytes: (await c.request.bytes()).length,
    }));
    const res = await (await serve(app)).request({ method: 'POST', path: '/echo', body: ['{"a"', ':1}'] });
    expect(await res.json()).toEqual({ peek: '{"a":1}', json: { a: 1 }, bytes: 7 });
  });

  it('streams through `body` without buffering, chunk by chunk', async () => {
    const app = new Flagon();
    app.post('/count', async (c) => {
      const sizes: number[] = [];
      for await (const chunk of c.request.body) sizes.push(chunk.byteLength);
      return sizes;
    });
    const res = await (await serve(app)).request({
      method: 'POST',
      path: '/count',
      body: ['abc', 'de', 'f'],
    });
    expect(await res.json()).toEqual([3, 2, 1]);
  });

  it('answers 413 for a declared Content-Length over the limit, before reading', async () => {
    const app = new Flagon({ maxBodySize: 4 });
    let read = false;
    app.post('/up', async (c) => {
      await c.request.bytes();
      read = true;
      return 'ok';
    });
    const res = await (await serve(app)).request({ method: 'POST', path: '/up', body: 'too long' });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'Request body is larger than 4 bytes' });
    expect(read).toBe(false);
  });

  it('answers 413 for a declared Content-Length over the limit before `body` yields a chunk', async () => {
    const app = new Flagon({ maxBodySize: 16 });
    const chunks: number[] = [];
    app.post('/stream', async (c) => {
      for await (const chunk of c.request.body) chunks.push(chunk.byteLength);
      return 'read';
    });
    const res = await (await serve(app)).request({
      method: 'POST',
      path: '/stream',
      headers: { 'content-length': '1000' },
      body: ['0123456789'],
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'Request body is larger than 16 bytes' });
    expect(chunks).toEqual([]);
  });

  it('answers 413 while reading a chunked body that grows past the limit, streamed or buffered', async () => {
    const app = new Flagon({ maxBodySize: 4 });
    app.post('/buffered', async (c) => (await c.request.text()).length);
    app.post('/streamed', async (c) => {
      for await (const _chunk of c.request.body) {
        // reading is the point
      }
      return 'read';
    });
    const t = await serve(app);
    expect((await t.request({ method: 'POST', path: '/buffered', body: ['ab', 'cd', 'e'] })).status).toBe(
      413,
    );
    expect((await t.request({ method: 'POST', path: '/streamed', body: ['ab', 'cd', 'e'] })).status).toBe(
      413,
    );
    expect((await t.request({ method: 'POST', path: '/buffered', body: ['ab', 'cd'] })).status).toBe(200);
  });

  it('takes a per-route limit over the app one', async () => {
    const app = new Flagon({ maxBodySize: 2 });
    app.post('/big', { maxBodySize: 10 }, async (c) => c.request.text());
    const res = await (await serve(app)).request({ method: 'POST', path: '/big', body: 'abcdef' });
    expect(await res.text()).toBe('abcdef');
  });

  it('parses url-encoded and multipart forms, files as UploadedFile, and answers 415 for other types', async () => {
    const app = new Flagon();
    app.post('/form', async (c) => {
      const form = await c.request.form();
      const file = form.get('file');
      return {
        name: form.get('name'),
        tags: form.getAll('tag'),
        file: file instanceof UploadedFile ? await file.text() : null,
      };
    });
    const t = await serve(app);
    const encoded = await t.request({
      method: 'POST',
      path: '/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=ada&tag=a&tag=b',
    });
    expect(await encoded.json()).toEqual({ name: 'ada', tags: ['a', 'b'], file: null });

    const boundary = 'XyZ';
    const multipart = [
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nbob\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const parts = await t.request({
      method: 'POST',
      path: '/form',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: multipart,
    });
    expect(await parts.json()).toEqual({ name: 'bob', tags: [], file: 'file body' });

    const wrong = await t.request({
      method: 'POST',
      path: '/form',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(wrong.status).toBe(415);
  });
});

describe('the request body as text', () => {
  const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]); // "café" in ISO-8859-1
  const badUtf8 = new Uint8Array([...new TextEncoder().encode('{"name":"a'), 0xc3, 0x28, 0x22, 0x7d]);

  function textApp() {
    const app = new Flagon();
    app.post('/text', async (c) => c.request.text());
    app.post('/json', async (c) => c.request.json());
    return app;
  }

  it('decodes UTF-8 by default and a declared charset the platform knows', async () => {
    const t = await serve(textApp());
    const utf8 = await t.request({ method: 'POST', path: '/text', body: 'café ☃' });
    expect(await utf8.text()).toBe('café ☃');
    const declared = await t.request({
      method: 'POST',
      path: '/text',
      headers: { 'content-type': 'text/plain; charset="ISO-8859-1"' },
      body: latin1,
    });
    expect([declared.status, await declared.text()]).toEqual([200, 'café']);
  });

  it('answers 400 for bytes that are not valid in the charset, and 415 for an unknown charset', async () => {
    const t = await serve(textApp());
    const invalid = await t.request({ method: 'POST', path: '/text', body: latin1 });
    expect([invalid.status, await invalid.json()]).toEqual([
      400,
      { error: 'Request body is not valid UTF-8' },
    ]);
    const unknown = await t.request({
      method: 'POST',
      path: '/text',
      headers: { 'content-type': 'text/plain; charset=x-klingon' },
      body: 'abc',
    });
    expect([unknown.status, await unknown.json()]).toEqual([
      415,
      { error: 'Unsupported charset: x-klingon' },
    ]);
  });

  it('parses JSON as UTF-8 only: 400 for invalid bytes, 415 for another declared charset', async () => {
    const t = await serve(textApp());
    const post = (body: Uint8Array | string, contentType: string) =>
      t.request({ method: 'POST', path: '/json', headers: { 'content-type': contentType }, body });
    const ok = await post('{"name":"café"}', 'application/json; charset=UTF-8');
    expect([ok.status, await ok.json()]).toEqual([200, { name: 'café' }]);
    const invalid = await post(badUtf8, 'application/json');
    expect([invalid.status, await invalid.json()]).toEqual([
      400,
      { error: 'Request body is not valid UTF-8' },
    ]);
    const latin = await post(latin1, 'application/json; charset=iso-8859-1');
    expect([latin.status, await latin.json()]).toEqual([
      415,
      { error: 'Unsupported charset for JSON: iso-8859-1 (JSON is UTF-8)' },
    ]);
  });

  it('drops a leading byte order mark from UTF-8 text and JSON, as TextDecoder does, and keeps a later one', async () => {
    const t = await serve(textApp());
    const bom = '\ufeff';
    const json = await t.request({ method: 'POST', path: '/json', body: `${bom}{"name":"é${bom}"}` });
    expect([json.status, await json.json()]).toEqual([200, { name: `é${bom}` }]);
    const text = await t.request({ method: 'POST', path: '/text', body: `${bom}café` });
    expect([text.status, await text.text()]).toEqual([200, 'café']);
  });
});
