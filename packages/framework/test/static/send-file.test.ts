// sendFile as a handler uses it: a file by absolute path or by name inside a root folder (404 outside
// it), as a download with an RFC 6266 name, with its options; over every transport.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Flagon, sendFile } from '../../src/index.js';
import { makeTree, silent, TRANSPORTS } from './fixture.js';

const { appRoot } = makeTree();
const staticDir = join(appRoot, 'static');

function app(): Flagon {
  const flagon = new Flagon({ logger: silent });
  flagon.get('/abs', () => sendFile(join(staticDir, 'css', 'app.css')));
  flagon.get('/named/*name', (c) => sendFile(c.params.name, { root: staticDir, download: true }));
  flagon.get('/report', () =>
    sendFile('résumé.pdf', { root: new URL(`file://${staticDir}/`), download: 'Rapport "final" été.pdf' }),
  );
  flagon.get('/options', () =>
    sendFile(join(staticDir, 'hello.txt'), {
      contentType: 'text/markdown; charset=utf-8',
      maxAge: 60,
      headers: { 'x-extra': 'yes', 'cache-control': 'private, max-age=5' },
    }),
  );
  flagon.get('/missing', () => sendFile(join(staticDir, 'missing.txt')));
  flagon.get('/relative', () => sendFile('static/hello.txt'));
  flagon.post('/posted', () => sendFile(join(staticDir, 'hello.txt')));
  return flagon;
}

describe.each(TRANSPORTS)('sendFile over %s', (_name, connect) => {
  const ask = connect(app());

  it('sends a file by absolute path, with the headers of a static file', async () => {
    const res = await ask('/abs');
    expect([res.status, res.body.toString(), res.header('content-type')]).toEqual([
      200,
      'body { color: red }',
      'text/css; charset=utf-8',
    ]);
    expect(res.header('etag')).toMatch(/^W\/"/);
    expect(res.header('cache-control')).toBe('no-cache');
    const partial = await ask('/abs', { range: 'bytes=5-9' });
    expect([partial.status, partial.body.toString()]).toEqual([206, '{ col']);
  });

  it('sends a file by name inside a root as a download, and 404s outside it', async () => {
    const res = await ask('/named/css/app.css');
    expect([res.status, res.header('content-disposition')]).toEqual([200, 'attachment; filename="app.css"']);
    for (const target of [
      '/named/../secret.txt',
      '/named/%2e%2e/secret.txt',
      '/named/.env',
      '/named/nope.txt',
      '/named/leak.txt',
    ]) {
      expect((await ask(target)).status, target).toBe(404);
    }
  });

  it('names a download with RFC 6266: an ASCII fallback and filename* in UTF-8', async () => {
    const res = await ask('/report');
    expect(res.header('content-disposition')).toBe(
      `attachment; filename="Rapport _final_ ete.pdf"; filename*=UTF-8''Rapport%20%22final%22%20%C3%A9t%C3%A9.pdf`,
    );
    expect([res.header('content-type'), res.body.toString()]).toEqual(['application/pdf', '%PDF-1.4']);
  });

  it('takes a content type, a max age and headers of the caller (which win)', async () => {
    const res = await ask('/options');
    expect([res.header('content-type'), res.header('cache-control'), res.header('x-extra')]).toEqual([
      'text/markdown; charset=utf-8',
      'private, max-age=5',
      'yes',
    ]);
  });

  it('leaves conditionals and ranges to GET and HEAD', async () => {
    const res = await ask('/posted', { range: 'bytes=0-1', 'if-none-match': '*' }, 'POST');
    expect([res.status, res.body.toString()]).toEqual([200, 'hello, static']);
  });

  it("answers a missing file or a relative path without root as the app's bug: a 500 without details", async () => {
    for (const path of ['/missing', '/relative']) {
      const res = await ask(path);
      expect([res.status, res.body.toString()], path).toEqual([500, '{"error":"Internal Server Error"}']);
    }
  });
});

describe('sendFile errors', () => {
  it('say what is wrong', async () => {
    await expect(sendFile('hello.txt')).rejects.toThrow(
      new TypeError('sendFile needs an absolute path or a root folder, got "hello.txt"'),
    );
    await expect(sendFile(join(staticDir, 'nope.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(sendFile(staticDir)).rejects.toThrow(`sendFile: ${staticDir} is not a file`);
    await expect(sendFile('css', { root: staticDir })).rejects.toMatchObject({ status: 404 });
    await expect(sendFile('x', { root: 'relative' })).rejects.toThrow(
      /sendFile\(\): root must be an absolute folder path/,
    );
  });
});
