// The static folder, as a user of the app sees it over every transport: `<root>/static` at `/static/...`
// (and a blueprint's at `<prefix>/static/...`), content types, validators and 304s, HEAD, byte ranges
// with 206/416 and If-Range, and Cache-Control from STATIC_MAX_AGE.
import { describe, expect, it } from 'vitest';
import { Blueprint, Flagon } from '../../src/index.js';
import { BIG, makeTree, silent, TRANSPORTS } from './fixture.js';

const { appRoot, adminRoot } = makeTree();

function staticApp(config: Record<string, unknown> = {}): Flagon {
  const app = new Flagon({ root: appRoot, logger: silent, config });
  const admin = new Blueprint('admin', { prefix: '/admin', root: adminRoot, staticFolder: 'static' });
  app.register(admin);
  return app;
}

describe.each(TRANSPORTS)('static files over %s', (_name, connect) => {
  const ask = connect(staticApp());
  const cached = connect(staticApp({ STATIC_MAX_AGE: 3600 }));

  it('serves <root>/static at /static/... with its content type, validators and no-cache', async () => {
    const res = await ask('/static/css/app.css');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('body { color: red }');
    expect(res.header('content-type')).toBe('text/css; charset=utf-8');
    expect(res.header('content-length')).toBe('19');
    expect(res.header('etag')).toMatch(/^W\/"13-[0-9a-f]+"$/);
    expect(new Date(res.header('last-modified')!).toUTCString()).toBe(res.header('last-modified'));
    expect(res.header('accept-ranges')).toBe('bytes');
    expect(res.header('cache-control')).toBe('no-cache');
    const big = await ask('/static/big.bin');
    expect([big.status, big.header('content-type')]).toEqual([200, 'application/octet-stream']);
    expect(big.body.equals(Buffer.from(BIG))).toBe(true);
    const empty = await ask('/static/empty.txt');
    expect([empty.status, empty.header('content-length'), empty.body.length]).toEqual([200, '0', 0]);
  });

  it("serves a blueprint's static folder under its prefix, and follows links that stay inside", async () => {
    const res = await ask('/admin/static/admin.css');
    expect([res.status, res.body.toString()]).toEqual([200, '.admin {}']);
    expect((await ask('/static/styles/app.css')).body.toString()).toBe('body { color: red }');
    // A link's type comes from the name asked for, not its target's (as nginx does).
    const linked = await ask('/static/site.css');
    expect([linked.body.toString(), linked.header('content-type')]).toEqual([
      'hello, static',
      'text/css; charset=utf-8',
    ]);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await ask('/static/big.bin', {}, 'HEAD');
    expect([res.status, res.header('content-length'), res.body.length]).toEqual([200, '65536', 0]);
    expect(res.header('etag')).toMatch(/^W\//);
  });

  it('answers 304 to a current If-None-Match or If-Modified-Since, If-None-Match winning', async () => {
    const first = await ask('/static/hello.txt');
    const etag = first.header('etag')!;
    const lastModified = first.header('last-modified')!;
    for (const headers of <Record<string, string>[]>[
      { 'if-none-match': etag },
      { 'if-none-match': `"other", ${etag.slice(2)}` }, // weak comparison: the strong form matches too
      { 'if-none-match': '*' },
      { 'if-modified-since': lastModified },
      { 'if-modified-since': new Date(Date.parse(lastModified) + 60_000).toUTCString() },
    ]) {
      const res = await ask('/static/hello.txt', headers);
      expect(
        [res.status, res.body.length, res.header('etag'), res.header('content-type')],
        JSON.stringify(headers),
      ).toEqual([304, 0, etag, null]);
      expect(res.header('cache-control')).toBe('no-cache');
    }
    expect((await ask('/static/hello.txt', { 'if-none-match': etag }, 'HEAD')).status).toBe(304);
    for (const headers of <Record<string, string>[]>[
      { 'if-none-match': 'W/"stale"' },
      { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() },
      { 'if-modified-since': 'not a date' },
      // RFC 9110 §13.2.2: with If-None-Match present, If-Modified-Since is not looked at.
      { 'if-none-match': 'W/"stale"', 'if-modified-since': lastModified },
    ]) {
      const res = await ask('/static/hello.txt', headers);
      expect([res.status, res.body.toString()], JSON.stringify(headers)).toEqual([200, 'hello, static']);
    }
  });

  it('answers one byte range with 206 and exactly those bytes: closed, open and suffix', async () => {
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-1999', 1000, 1999],
      ['bytes=65000-', 65000, 65535],
      ['bytes=-500', 65036, 65535],
      ['bytes=-100000', 0, 65535],
      ['bytes=65530-99999', 65530, 65535],
      ['BYTES = 7-7', 7, 7],
    ];
    for (const [range, start, end] of cases) {
      const res = await ask('/static/big.bin', { range });
      expect([res.status, res.header('content-range'), res.header('content-length')], range).toEqual([
        206,
        `bytes ${start}-${end}/65536`,
        String(end - start + 1),
      ]);
      expect(res.body.equals(Buffer.from(BIG.subarray(start, end + 1))), range).toBe(true);
      expect(res.header('content-type')).toBe('application/octet-stream');
    }
  });

  it('answers an unsatisfiable range with 416 and bytes */size', async () => {
    for (const range of ['bytes=65536-', 'bytes=70000-70010', 'bytes=-0']) {
      const res = await ask('/static/big.bin', { range });
      expect([res.status, res.header('content-range'), res.body.length], range).toEqual([
        416,
        'bytes */65536',
        0,
      ]);
    }
    const empty = await ask('/static/empty.txt', { range: 'bytes=0-' });
    expect([empty.status, empty.header('content-range')]).toEqual([416, 'bytes */0']);
  });

  it('answers the whole file to several ranges, a bad Range, HEAD, and a range within a 304', async () => {
    for (const range of ['bytes=0-1,5-6', 'bytes=5-1', 'items=0-1', 'bytes=a-b', 'bytes=']) {
      const res = await ask('/static/hello.txt', { range });
      expect([res.status, res.body.toString(), res.header('content-range')], range).toEqual([
        200,
        'hello, static',
        null,
      ]);
    }
    const head = await ask('/static/hello.txt', { range: 'bytes=0-1' }, 'HEAD');
    expect([head.status, head.header('content-length')]).toEqual([200, '13']);
    const etag = (await ask('/static/hello.txt')).header('etag')!;
    expect((await ask('/static/hello.txt', { range: 'bytes=0-1', 'if-none-match': etag })).status).toBe(304);
  });

  it('honours If-Range: the current date gives the part, anything else the whole file', async () => {
    const first = await ask('/static/hello.txt');
    const lastModified = first.header('last-modified')!;
    const part = await ask('/static/hello.txt', { range: 'bytes=0-4', 'if-range': lastModified });
    expect([part.status, part.body.toString()]).toEqual([206, 'hello']);
    for (const ifRange of [
      new Date(Date.parse(lastModified) - 1000).toUTCString(),
      '"some-other-version"',
      first.header('etag')!, // weak: If-Range compares strongly (RFC 9110 §13.1.5), so never a match
    ]) {
      const res = await ask('/static/hello.txt', { range: 'bytes=0-4', 'if-range': ifRange });
      expect([res.status, res.body.toString()], ifRange).toEqual([200, 'hello, static']);
    }
  });

  it('sets Cache-Control from STATIC_MAX_AGE', async () => {
    const res = await cached('/static/hello.txt');
    expect(res.header('cache-control')).toBe('public, max-age=3600');
  });
});

describe('static folder options', () => {
  it('builds static URLs with urlFor, on the app and in a handler, for the app and a blueprint', async () => {
    const app = staticApp();
    app.get('/links', (c) => ({
      css: c.urlFor('static', { filename: 'css/app.css' }),
      admin: c.urlFor('admin.static', { filename: 'admin.css' }),
    }));
    expect(app.urlFor('static', { filename: 'css/app.css' })).toBe('/static/css/app.css');
    expect(app.urlFor('static', { filename: 'app.css', v: 3 })).toBe('/static/app.css?v=3');
    expect(app.urlFor('admin.static', { filename: 'admin.css' })).toBe('/admin/static/admin.css');
    const ask = TRANSPORTS[0]![1](app);
    expect(JSON.parse((await ask('/links')).body.toString())).toEqual({
      css: '/static/css/app.css',
      admin: '/admin/static/admin.css',
    });
  });

  it('take another folder and URL path, or none', async () => {
    const moved = new Flagon({ root: appRoot, staticFolder: 'static/css', staticUrlPath: '/assets/' });
    expect(moved.urlFor('static', { filename: 'app.css' })).toBe('/assets/app.css');
    const ask = TRANSPORTS[0]![1](moved);
    expect((await ask('/assets/app.css')).status).toBe(200);
    expect((await ask('/static/hello.txt')).status).toBe(404);
    const absolute = new Flagon({ staticFolder: `${appRoot}/static` });
    expect(absolute.urlFor('static', { filename: 'x' })).toBe('/static/x');
    expect(() =>
      new Flagon({ root: appRoot, staticFolder: false }).urlFor('static', { filename: 'x' }),
    ).toThrow('unknown endpoint "static"');
    expect(() => new Flagon().urlFor('static', { filename: 'x' })).toThrow('unknown endpoint "static"');
    // A blueprint serves no folder unless given one, even with a root that holds `static/`.
    const plain = new Flagon();
    plain.register(new Blueprint('plain', { root: appRoot }));
    expect(() => plain.urlFor('plain.static', { filename: 'x' })).toThrow('unknown endpoint');
    // A root without a static folder serves none.
    expect(() => new Flagon({ root: adminRoot + '/nowhere' }).urlFor('static', { filename: 'x' })).toThrow(
      'unknown endpoint',
    );
    expect(() => new Flagon({ staticFolder: 'static' })).toThrow(
      new TypeError(
        'new Flagon(): staticFolder "static" is relative, so it needs a root (import.meta.dirname)',
      ),
    );
  });

  it('answers 500 without details for a STATIC_MAX_AGE that is not a number of seconds', async () => {
    const app = new Flagon({ root: appRoot, logger: silent, config: { STATIC_MAX_AGE: '1h' } });
    const res = await TRANSPORTS[0]![1](app)('/static/hello.txt');
    expect([res.status, res.body.toString()]).toEqual([500, '{"error":"Internal Server Error"}']);
  });
});
