// Traversal corpora on the framework's file responses: a route that serves `public/<name>` from its
// `:name` param never hands out a file outside `public/`, however the client spells `..`, over every
// transport (the memory transport with and without the file extension, and a real socket).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryTransport, toNodeHandler } from '@flagon/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBody, Flagon, Response } from '../../src/index.js';
import { traversalTargets } from './traversal-corpus.js';

const SECRET = 'TOP-SECRET-d41d8cd9';
const root = mkdtempSync(join(tmpdir(), 'flagon-traversal-'));
const publicDir = join(root, 'public');
mkdirSync(publicDir);
writeFileSync(join(publicDir, 'hello.txt'), 'public hello');
writeFileSync(join(root, 'secret.txt'), SECRET);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function fileApp(): Flagon {
  const app = new Flagon({ logger: silent });
  app.get('/files/:name', (c) => new Response(new FileBody(join(publicDir, c.params.name))));
  app.get('/raw/*path', (c) => ({ path: c.params.path }));
  return app;
}

interface Answer {
  status: number;
  body: string;
}

/** Every failure the corpus may meet: refused, not found, or the file error as a 500 without details. */
function expectNoLeak(target: string, answer: Answer): void {
  expect(answer.body, target).not.toContain(SECRET);
  expect(answer.body, target).not.toContain(root); // no path in an error body
  expect(answer.body, target).not.toMatch(/\n\s+at /); // no stack
  expect([400, 404, 500], target).toContain(answer.status);
}

describe.each([true, false])('traversal through the memory transport (file extension %s)', (file) => {
  const transport = createMemoryTransport(fileApp(), { extensions: { file } });
  beforeAll(() => transport.open());
  afterAll(() => transport.close());

  it('serves the public file (the corpus is aimed at a route that works)', async () => {
    const res = await transport.request({ path: '/files/hello.txt' });
    expect([res.status, await res.text()]).toEqual([200, 'public hello']);
  });

  it.each(traversalTargets('/files'))('never hands out a file outside public/ for %s', async (target) => {
    const [path, query] = target.split('?');
    const res = await transport.request({ path: path!, query });
    expectNoLeak(target, { status: res.status, body: await res.text() });
  });
});

describe('traversal over a real socket (toNodeHandler, file extension on)', () => {
  const server = createServer(toNodeHandler(fileApp(), { logger: silent }));
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  // node:http sends the path as written: no dot-segment folding, unlike fetch().
  const get = (path: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the public file', async () => {
    expect(await get('/files/hello.txt')).toEqual({ status: 200, body: 'public hello' });
  });

  it.each(traversalTargets('/files'))('never hands out a file outside public/ for %s', async (target) => {
    expectNoLeak(target, await get(target));
  });
});

describe('relative FileBody paths', () => {
  // A relative path would be read from the process's working directory, whatever that is.
  it('are refused when the FileBody is made, so a route building one answers 500 without the file', async () => {
    expect(() => new FileBody('package.json')).toThrow(
      new TypeError('FileBody path must be absolute, got "package.json"'),
    );
    const app = new Flagon({ logger: silent });
    app.get('/rel/:name', (c) => new Response(new FileBody(c.params.name)));
    for (const file of [true, false]) {
      const transport = createMemoryTransport(app, { extensions: { file } });
      await transport.open();
      const res = await transport.request({ path: '/rel/package.json' });
      expect([res.status, await res.text()]).toEqual([500, '{"error":"Internal Server Error"}']);
      await transport.close();
    }
  });
});

describe('what a wildcard param promises', () => {
  // A `*path` param is the decoded path as sent: dot segments are not folded, so an app that joins it
  // onto a directory must check where the result lands. Asserted so that the docs' warning stays true.
  it('hands dot segments to the handler verbatim, decoded', async () => {
    const transport = createMemoryTransport(fileApp());
    await transport.open();
    const res = await transport.request({ path: '/raw/%2e%2e%2fsecret.txt' });
    expect(await res.json()).toEqual({ path: '../secret.txt' });
    await transport.close();
  });
});
