// The API docs page: its HTML, its script and the Swagger UI assets the app serves from swagger-ui-dist,
// in memory and over a real socket, as a browser would fetch them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Flagon } from '@flagon/framework';
import { openapi } from '@flagon/framework/openapi';
import { createTestClient } from '@flagon/framework/testing';
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';

function docsApp(options: Parameters<typeof openapi>[0] = {}): Flagon {
  const app = new Flagon().use(openapi({ info: { title: 'Pets <beta>', version: '1.0.0' }, ...options }));
  app.get('/pets', { name: 'list_pets' }, () => []);
  return app;
}

/** The URLs of the page's scripts and stylesheets, in order. */
function assetUrls(page: string): string[] {
  return [...page.matchAll(/<(?:script src|link rel="stylesheet" href)="([^"]+)"/g)].map(
    (match) => match[1]!,
  );
}

describe('openapi(): the docs page', () => {
  it('is HTML loading Swagger UI from the app itself, with no inline script', async () => {
    const reply = await createTestClient(docsApp()).get('/docs');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await reply.text();
    expect(page).toContain('<title>Pets &lt;beta&gt;: API docs</title>');
    expect(page).toContain('data-openapi-url="/openapi.json"');
    expect(assetUrls(page)).toEqual([
      '/docs/assets/swagger-ui.css',
      '/docs/assets/swagger-ui-bundle.js',
      '/docs/init.js',
    ]);
    // Every script has a src: a strict Content-Security-Policy (script-src 'self') lets the page run.
    expect(page.match(/<script/g)).toHaveLength(2);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('serves its script, which starts Swagger UI on the document without a public validator', async () => {
    const reply = await createTestClient(docsApp()).get('/docs/init.js');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const script = await reply.text();
    expect(script).toContain('SwaggerUIBundle(');
    expect(script).toContain("getAttribute('data-openapi-url')");
    expect(script).toContain('validatorUrl: null');
  });

  it('serves the Swagger UI assets from the installed package, with their types and validators', async () => {
    const client = createTestClient(docsApp());
    const css = await client.get('/docs/assets/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.swagger-ui');
    const bundle = await client.get('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await bundle.text()).toContain('SwaggerUIBundle');
    const icon = await client.get('/docs/assets/favicon-32x32.png');
    expect(icon.headers.get('content-type')).toBe('image/png');
    const etag = bundle.headers.get('etag');
    expect(etag).toMatch(/^W\//);
    const again = await client.get('/docs/assets/swagger-ui-bundle.js', {
      headers: { 'if-none-match': etag! },
    });
    expect(again.status).toBe(304);
  });

  it("answers 404 for the package's other files and for names leading out of it", async () => {
    const client = createTestClient(docsApp());
    for (const name of [
      'package.json',
      'index.html',
      'swagger-ui-bundle.js.map',
      '..%2Fpackage.json',
      '%2e%2e',
    ]) {
      const reply = await client.get(`/docs/assets/${name}`);
      expect(reply.status, name).toBe(404);
    }
  });

  it('is served below the docsPath given, and not at all with docsPath: false', async () => {
    const moved = createTestClient(docsApp({ docsPath: '/api/docs/' }));
    const page = await (await moved.get('/api/docs')).text();
    expect(assetUrls(page)).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect((await moved.get('/api/docs/assets/swagger-ui.css')).status).toBe(200);
    expect((await moved.get('/docs')).status).toBe(404);
    const none = createTestClient(docsApp({ docsPath: false }));
    expect((await none.get('/docs')).status).toBe(404);
    expect((await none.get('/docs/init.js')).status).toBe(404);
    expect((await none.get('/openapi.json')).status).toBe(200);
  });

  it('serves the assets from the swaggerUiFolder given (404 while the files are missing)', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'flagon-openapi-'));
    try {
      const client = createTestClient(docsApp({ swaggerUiFolder: empty }));
      expect((await client.get('/docs/assets/swagger-ui.css')).status).toBe(404);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('serves the page and its assets over a real socket, under the root path', async () => {
    const app = docsApp();
    const server = request(toNodeHandler(app, { rootPath: '/v1' }));
    const page = await server.get('/v1/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('data-openapi-url="/v1/openapi.json"');
    const urls = assetUrls(page.text);
    expect(urls).toEqual([
      '/v1/docs/assets/swagger-ui.css',
      '/v1/docs/assets/swagger-ui-bundle.js',
      '/v1/docs/init.js',
    ]);
    const types = [];
    for (const url of urls) {
      const asset = await server
        .get(url)
        .buffer(true)
        .parse((res, done) => {
          res.on('data', () => {});
          res.on('end', () => done(null, null));
        });
      expect(asset.status, url).toBe(200);
      types.push(asset.headers['content-type']);
    }
    expect(types).toEqual([
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/javascript; charset=utf-8',
    ]);
    const bundle = await server
      .get('/v1/docs/assets/swagger-ui-bundle.js')
      .buffer(true)
      .parse((res, done) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        res.on('end', () => done(null, size));
      });
    expect(bundle.body).toBe(Number(bundle.headers['content-length']));
    expect(bundle.body).toBeGreaterThan(100_000);
  });
});
