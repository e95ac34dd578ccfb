// The static-files tests' shared ground: a temporary app folder (with `static/`, a blueprint's own
// `static/`, a secret beside them and symlinks that lead out), and one way to ask an app over each
// transport: the test client in memory with and without the server's file extension, and a real socket
// (toNodeHandler, whose file extension sends through the reference server's file path).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNodeHandler } from '@flagon/gateway';
import { afterAll } from 'vitest';
import type { Flagon } from '../../src/index.js';
import { createTestClient } from '../../src/testing/index.js';

export const SECRET = 'TOP-SECRET-6f1e2d';
export const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** 64 KiB of bytes that differ from their neighbours, so a wrong offset shows. */
export const BIG = Uint8Array.from({ length: 64 * 1024 }, (_, i) => (i * 7 + (i >> 8)) % 251);

/** Makes the folders: returns the temporary folder, the app's root and the admin blueprint's root. */
export function makeTree(): { base: string; appRoot: string; adminRoot: string } {
  const base = mkdtempSync(join(tmpdir(), 'flagon-static-'));
  const appRoot = join(base, 'app');
  const adminRoot = join(base, 'admin');
  const staticDir = join(appRoot, 'static');
  mkdirSync(join(staticDir, 'css'), { recursive: true });
  mkdirSync(join(adminRoot, 'static'), { recursive: true });
  writeFileSync(join(base, 'secret.txt'), SECRET);
  writeFileSync(join(appRoot, 'secret.txt'), SECRET); // the app's own code sits beside static/
  writeFileSync(join(staticDir, 'hello.txt'), 'hello, static');
  writeFileSync(join(staticDir, 'css', 'app.css'), 'body { color: red }');
  writeFileSync(join(staticDir, 'big.bin'), BIG);
  writeFileSync(join(staticDir, 'empty.txt'), '');
  writeFileSync(join(staticDir, 'résumé.pdf'), '%PDF-1.4');
  writeFileSync(join(staticDir, '.env'), SECRET);
  writeFileSync(join(adminRoot, 'static', 'admin.css'), '.admin {}');
  symlinkSync(join(base, 'secret.txt'), join(staticDir, 'leak.txt')); // a file link leading out
  symlinkSync(base, join(staticDir, 'up')); // a folder link leading out
  symlinkSync(join(staticDir, 'css'), join(staticDir, 'styles')); // a link that stays inside
  symlinkSync(join(staticDir, 'hello.txt'), join(staticDir, 'site.css')); // typed by its own name
  return { base, appRoot, adminRoot };
}

/** What a client got: status, headers (case-insensitive) and the body's bytes. */
export interface Answer {
  status: number;
  header(name: string): string | null;
  body: Buffer;
}

/** Sends a request with a raw target (percent escapes and dot segments as written). */
export type Ask = (target: string, headers?: Record<string, string>, method?: string) => Promise<Answer>;

/** The transports every static test runs over, each a name and a way to make an `Ask` for an app. */
export const TRANSPORTS: [string, (app: Flagon) => Ask][] = [
  ['test client, file extension', (app) => inMemory(app, true)],
  ['test client, streamed', (app) => inMemory(app, false)],
  ['real socket', (app) => overSocket(app)],
];

function inMemory(app: Flagon, file: boolean): Ask {
  const client = createTestClient(app, { extensions: { file }, logger: silent });
  afterAll(() => client.close());
  return async (target, headers = {}, method = 'GET') => {
    const res = await client.request(method, target, { headers });
    return {
      status: res.status,
      header: (name) => res.headers.get(name),
      body: Buffer.from(await res.bytes()),
    };
  };
}

function overSocket(app: Flagon): Ask {
  const server = createServer(toNodeHandler(app, { logger: silent }));
  let port: Promise<number> | undefined;
  const listening = () => {
    port ??= new Promise((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
    );
    return port;
  };
  afterAll(async () => {
    if (port === undefined) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  // node:http sends the path as written: no dot-segment folding, unlike fetch().
  return async (target, headers = {}, method = 'GET') => {
    const at = await listening();
    return new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: at, path: target, method, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              header: (name) => {
                const value = res.headers[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
              },
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  };
}
