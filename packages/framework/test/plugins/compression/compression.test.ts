// The compression plugin through the public API: what a client gets back, decompressed and compared.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { Blueprint, Flagon, json, Response, sse, stream } from '@flagon/framework';
import { compression } from '@flagon/framework/compression';
import { createTestClient } from '@flagon/framework/testing';
import { describe, expect, it } from 'vitest';
import { useNodeZlib } from '../../../src/plugins/compression/codec.js';
import { silent, TRANSPORTS } from '../../static/fixture.js';

const LONG = 'All work and no play makes Jack a dull boy. '.repeat(100); // 4.4 KB
const decode = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync };

function makeApp(options?: Parameters<typeof compression>[0]) {
  const app = new Flagon({ logger: silent }).use(compression(options));
  app.get('/long', () => LONG);
  app.get('/short', () => 'short');
  app.get('/data', () =>
    json({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) }),
  );
  app.get('/png', () => new Response(new Uint8Array(4096), { contentType: 'image/png' }));
  app.get('/coded', () => new Response(LONG, { headers: { 'content-encoding': 'identity-ish' } }));
  app.get(
    '/no-transform',
    () => new Response(LONG, { headers: { 'cache-control': 'public, no-transform' } }),
  );
  app.get('/tagged', () => new Response(LONG, { headers: { etag: '"v1"' } }));
  app.get('/stream', () =>
    stream(
      (async function* () {
        for (let i = 0; i < 50; i++) yield `line ${i} ${LONG.slice(0, 80)}\n`;
      })(),
      { contentType: 'text/plain; charset=utf-8' },
    ),
  );
  return app;
}

describe('compression: which coding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['br;q=0.5, gzip;q=0.9', 'gzip'],
    ['br;q=0, *', 'gzip'],
    ['x-gzip', 'gzip'],
  ] as const)('Accept-Encoding %j answers %s, which decompresses to the body', async (accept, coding) => {
    const client = createTestClient(makeApp());
    const res = await client.get('/long', { headers: { 'accept-encoding': accept } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(coding);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const bytes = await res.bytes();
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(bytes.byteLength).toBeLessThan(LONG.length / 4);
    expect(decode[coding](bytes).toString()).toBe(LONG);
  });

  it.each([
    ['no header', undefined],
    ['identity only', 'identity'],
    ['identity preferred', 'identity, gzip;q=0.5'],
    ['every coding refused', 'gzip;q=0, br;q=0, deflate;q=0'],
    ['star refused', '*;q=0'],
  ])('%s: the body goes out as it is, still saying Vary', async (_, accept) => {
    const client = createTestClient(makeApp());
    const res = await client.get('/long', {
      headers: accept === undefined ? {} : { 'accept-encoding': accept },
    });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe(LONG);
  });

  it('offers only the codings it is given, and refuses an unknown one at configuration', async () => {
    const client = createTestClient(makeApp({ encodings: ['gzip'] }));
    const res = await client.get('/long', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    // @ts-expect-error: not a coding the plugin knows
    expect(() => compression({ encodings: ['zstd'] })).toThrow('unknown encoding "zstd"');
    expect(() => compression({ threshold: -1 })).toThrow('threshold must be an integer >= 0');
  });
});

describe('compression: what it leaves alone', () => {
  const gz = { 'accept-encoding': 'gzip' };

  it('a body under the threshold (1 KiB by default, or the one given)', async () => {
    const res = await createTestClient(makeApp()).get('/short', { headers: gz });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('short');
    const low = await createTestClient(makeApp({ threshold: 1 })).get('/short', { headers: gz });
    expect(gunzipSync(await low.bytes()).toString()).toBe('short');
  });

  it('images, bodies already coded, and no-transform responses', async () => {
    const client = createTestClient(makeApp());
    const png = await client.get('/png', { headers: gz });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('vary')).toBeNull();
    expect((await png.bytes()).byteLength).toBe(4096);
    const coded = await client.get('/coded', { headers: gz });
    expect(coded.headers.get('content-encoding')).toBe('identity-ish');
    expect(await coded.text()).toBe(LONG);
    const kept = await client.get('/no-transform', { headers: gz });
    expect(kept.headers.get('content-encoding')).toBeNull();
    expect(await kept.text()).toBe(LONG);
  });

  it('refuses a blueprint: it works on the whole app', () => {
    expect(() => new Blueprint('api').use(compression())).toThrow('works on the whole app');
  });
});

describe('compression: headers and methods', () => {
  it('makes a strong ETag weak, and answers HEAD with the headers of GET', async () => {
    const client = createTestClient(makeApp());
    const get = await client.get('/tagged', { headers: { 'accept-encoding': 'gzip' } });
    expect(get.headers.get('etag')).toBe('W/"v1"');
    const head = await client.head('/tagged', { headers: { 'accept-encoding': 'gzip' } });
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect((await head.bytes()).byteLength).toBe(0);
  });

  it('compresses JSON by the best coding the client takes', async () => {
    const client = createTestClient(makeApp());
    const data = await client.get('/data', { headers: { 'accept-encoding': 'br' } });
    expect(data.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(brotliDecompressSync(await data.bytes()).toString()).items).toHaveLength(200);
  });

  it('compresses a stream as it streams, with no length, and HEAD sends no body', async () => {
    const client = createTestClient(makeApp());
    const res = await client.get('/stream', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-length')).toBeNull();
    const text = gunzipSync(await res.bytes()).toString();
    expect(text.split('\n')).toHaveLength(51);
    expect(text.startsWith(`line 0 ${LONG.slice(0, 80)}\n`)).toBe(true);
    const head = await client.head('/stream', { headers: { 'accept-encoding': 'gzip' } });
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect((await head.bytes()).byteLength).toBe(0);
  });

  it('without node:zlib: gzip of whole bodies through CompressionStream, streams as they are', async () => {
    expect(useNodeZlib(false)).toBe(false);
    try {
      const client = createTestClient(makeApp());
      const res = await client.get('/long', { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(await res.bytes()).toString()).toBe(LONG);
      const streamed = await client.get('/stream', { headers: { 'accept-encoding': 'gzip' } });
      expect(streamed.headers.get('content-encoding')).toBeNull();
      expect((await streamed.text()).split('\n')).toHaveLength(51);
    } finally {
      useNodeZlib(true);
    }
  });
});

describe('compression: SSE over a real socket, one event at a time', () => {
  it('flushes each event: the client reads the first before the second is produced', async () => {
    const { createServer, request } = await import('node:http');
    const { createGunzip } = await import('node:zlib');
    const { toNodeHandler } = await import('@flagon/gateway');
    let release!: () => void;
    const firstRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const app = new Flagon({ logger: silent }).use(compression({ threshold: 0 }));
    app.get('/events', () =>
      sse(async (send) => {
        await send({ event: 'first', data: 'one' });
        await firstRead; // without a flush per event, the client never sees it and this waits forever
        await send({ event: 'second', data: 'two' });
      }),
    );
    const server = createServer(toNodeHandler(app, { logger: silent }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/events', headers: { 'accept-encoding': 'gzip' } },
          (res) => {
            expect(res.headers['content-encoding']).toBe('gzip');
            expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
            let seen = '';
            res
              .pipe(createGunzip())
              .on('data', (chunk: Buffer) => {
                seen += chunk.toString();
                if (seen.includes('data: one\n\n')) release();
              })
              .on('end', () => resolve(seen))
              .on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(text).toBe('event: first\ndata: one\n\nevent: second\ndata: two\n\n');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('compression: static files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'flagon-compression-'));
  writeFileSync(join(folder, 'app.css'), LONG);
  writeFileSync(join(folder, 'logo.png'), new Uint8Array(4096));
  const app = new Flagon({ staticFolder: folder, logger: silent }).use(compression());

  describe.each(TRANSPORTS)('%s', (_, makeAsk) => {
    const ask = makeAsk(app);

    it('compresses a CSS file whole, keeps 304 by its weakened ETag, and leaves Range alone', async () => {
      const res = await ask('/static/app.css', { 'accept-encoding': 'gzip' });
      expect(res.status).toBe(200);
      expect(res.header('content-encoding')).toBe('gzip');
      expect(res.header('accept-ranges')).toBeNull();
      expect(gunzipSync(res.body).toString()).toBe(LONG);
      const etag = res.header('etag')!;
      expect(etag).toMatch(/^W\//);
      const again = await ask('/static/app.css', { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.byteLength).toBe(0);
      // A part above the threshold, so only the Range rule keeps it as it is.
      const part = await ask('/static/app.css', { 'accept-encoding': 'gzip', range: 'bytes=0-2047' });
      expect(part.status).toBe(206);
      expect(part.header('content-encoding')).toBeNull();
      expect(part.header('content-range')).toBe(`bytes 0-2047/${LONG.length}`);
      expect(part.body.toString()).toBe(LONG.slice(0, 2048));
      const png = await ask('/static/logo.png', { 'accept-encoding': 'gzip' });
      expect(png.header('content-encoding')).toBeNull();
      expect(png.body.byteLength).toBe(4096);
    });
  });
});
