// File bodies: sent with the server's file extension or read by the framework, measured before the
// response starts (a missing file is the app's error; GET and HEAD both announce the length).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNodeHandler } from '@flagon/gateway';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { FileBody, Flagon, Response, text } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

describe('file bodies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flagon-file-'));
  const path = join(dir, 'hello.txt');
  writeFileSync(path, 'hello, file body');

  function fileApp() {
    const app = new Flagon();
    app.get('/whole', () => new Response(new FileBody(path), { contentType: 'text/plain' }));
    app.get('/range', () => new Response(new FileBody(path, { offset: 7, length: 4 })));
    return app;
  }

  it('uses the server file extension when offered', async () => {
    const t = await serve(fileApp());
    expect(await (await t.request({ path: '/whole' })).text()).toBe('hello, file body');
    expect(await (await t.request({ path: '/range' })).text()).toBe('file');
  });

  it('streams the file itself when the server does not offer the extension', async () => {
    const t = await serve(fileApp(), { extensions: { file: false } });
    expect(await (await t.request({ path: '/whole' })).text()).toBe('hello, file body');
    expect(await (await t.request({ path: '/range' })).text()).toBe('file');
  });

  it.each([true, false])(
    'fails a missing file before the response starts, through the error handlers (file extension %s)',
    async (file) => {
      const logger = recordingLogger();
      const app = new Flagon({ logger });
      app.get('/missing', () => new Response(new FileBody(join(dir, 'missing.txt'))));
      app.get('/dir', () => new Response(new FileBody(dir)));
      const t = await serve(app, { extensions: { file } });
      for (const path of ['/missing', '/dir']) {
        // Not a 200 cut short, nor the server's bare 500: the app's own error answer, and its log line.
        const res = await t.request({ path });
        expect([res.status, await res.json()]).toEqual([500, { error: 'Internal Server Error' }]);
      }
      expect(logger.lines).toEqual([
        expect.stringMatching(/^ERROR GET \/missing failed ENOENT/),
        expect.stringMatching(/^ERROR GET \/dir failed .* is not a file$/),
      ]);
      // So an error handler (here for the filesystem's error) decides what the client gets.
      const handled = new Flagon({ logger });
      handled.get('/missing', () => new Response(new FileBody(join(dir, 'missing.txt'))));
      handled.errorHandler(Error, (_c, error) => {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return text('no such file', { status: 404 });
        throw error;
      });
      const res = await (await serve(handled, { extensions: { file } })).request({ path: '/missing' });
      expect([res.status, await res.text()]).toEqual([404, 'no such file']);
    },
  );

  it.each([true, false])(
    'announces the Content-Length on GET and on HEAD, a range clamped to the end (file extension %s)',
    async (file) => {
      const app = fileApp();
      app.get('/tail', () => new Response(new FileBody(path, { offset: 7, length: 100 })));
      const t = await serve(app, { extensions: { file } });
      const expected: [route: string, length: string, body: string][] = [
        ['/whole', '16', 'hello, file body'],
        ['/range', '4', 'file'],
        ['/tail', '9', 'file body'],
      ];
      for (const [route, length, body] of expected) {
        const get = await t.request({ path: route });
        expect([route, get.header('content-length'), await get.text()]).toEqual([route, length, body]);
        const head = await t.request({ method: 'HEAD', path: route });
        expect([route, head.header('content-length'), await head.text()]).toEqual([route, length, '']);
      }
    },
  );

  it('announces it over the Node bridge on HEAD as on GET', async () => {
    const handler = toNodeHandler(fileApp());
    const get = await request(handler).get('/whole').expect(200, 'hello, file body');
    const head = await request(handler).head('/whole').expect(200);
    expect([get.headers['content-length'], head.headers['content-length']]).toEqual(['16', '16']);
  });

  it('keeps a Content-Length the app set', async () => {
    const app = new Flagon();
    app.get(
      '/own',
      () => new Response(new FileBody(path, { length: 5 }), { headers: { 'content-length': '5' } }),
    );
    const res = await (await serve(app, { extensions: { file: false } })).request({ path: '/own' });
    expect(res.headers.filter(([name]) => name === 'content-length')).toEqual([['content-length', '5']]);
    expect(await res.text()).toBe('hello');
  });

  it('refuses an offset or a length that is not a byte count', () => {
    for (const range of [{ offset: -1 }, { length: -1 }, { offset: 1.5 }, { length: Number.NaN }]) {
      expect(() => new FileBody(path, range)).toThrow(TypeError);
    }
  });

  it('cuts the response when the file shrank after it was measured, short of its Content-Length', async () => {
    const shrinking = join(dir, 'shrinking.txt');
    writeFileSync(shrinking, 'sixteen bytes...');
    const app = new Flagon();
    app.get('/shrinking', () => new Response(new FileBody(shrinking)));
    // After hooks run once the file was measured, before it is read.
    app.after(() => {
      writeFileSync(shrinking, 'short');
    });
    const res = await (await serve(app, { extensions: { file: false } })).request({ path: '/shrinking' });
    expect(res.header('content-length')).toBe('16');
    await expect(res.text()).rejects.toThrow();
    await res.completed;
    expect((res.error as Error).message).toBe(`${shrinking} shrank while it was sent`);
  });
});
