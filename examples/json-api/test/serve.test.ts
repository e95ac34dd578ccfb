// Both examples served for real: by the flagon-gateway CLI in a child process, and by a plain
// `http.createServer(toNodeHandler(app))`, each checked with fetch over 127.0.0.1.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { App } from '@flagon/gateway';
import { toNodeHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import hello from '../../hello/app.js';
import jsonApi from '../app.js';

const root = join(import.meta.dirname, '..', '..', '..');
const gatewayCli = join(root, 'packages', 'gateway', 'bin', 'flagon-gateway.js');

/** What one example must answer, wherever it runs; `base` is the server's URL without a trailing `/`. */
type Check = (base: string) => Promise<void>;

const checkHello: Check = async (base) => {
  const res = await fetch(`${base}/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await res.text()).toBe('Hello, World!');
  expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
};

const checkJsonApi: Check = async (base) => {
  const created = await fetch(`${base}/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'cup', price: 3 }),
  });
  expect(created.status).toBe(201);
  const item = (await created.json()) as { id: string };
  const location = created.headers.get('location');
  expect(location).toBe(`/items/${item.id}`);
  const fetched = await fetch(`${base}${location}`);
  expect(await fetched.json()).toEqual({ id: item.id, name: 'cup', price: 3 });
  const malformed = await fetch(`${base}/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{',
  });
  expect(malformed.status).toBe(400);
  expect(((await malformed.json()) as { error: string }).error).toMatch(/^Malformed JSON body/);
  const spec = await fetch(`${base}/openapi.json`);
  expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0');
  const docs = await fetch(`${base}/docs`);
  expect(await docs.text()).toContain('<script src="/docs/assets/swagger-ui-bundle.js">');
  const bundle = await fetch(`${base}/docs/assets/swagger-ui-bundle.js`);
  expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  expect((await bundle.arrayBuffer()).byteLength).toBe(Number(bundle.headers.get('content-length')));
};

const examples: [name: string, app: App, check: Check][] = [
  ['hello', hello, checkHello],
  ['json-api', jsonApi, checkJsonApi],
];

/** Starts `flagon-gateway serve` on a free port of 127.0.0.1 and resolves with its URL once it listens. */
async function startCliServer(
  appPath: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [gatewayCli, 'serve', appPath, '--host', '127.0.0.1', '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) resolve(listening[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the server exited with ${code} before listening:\n${output}`)),
    );
  });
  return { child, url, output: () => output };
}

describe.each(examples)('examples/%s', (name, app, check) => {
  it('runs under the flagon-gateway CLI server, and stops cleanly on SIGTERM', async () => {
    const server = await startCliServer(`examples/${name}/app.ts`);
    try {
      await check(server.url);
    } finally {
      const exited = once(server.child, 'exit');
      server.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code, server.output()).toBe(0);
    }
  });

  it('runs under http.createServer(toNodeHandler(app))', async () => {
    const server = createServer(toNodeHandler(app)).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      await check(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    }
  });
});
