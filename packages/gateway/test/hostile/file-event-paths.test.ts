// Hostile paths in http.response.file, on every transport that offers the file extension: a relative
// path (which would be read from the server's working directory), NUL, a directory, a missing file. The
// send rejects, the client gets a cut response and none of the file's bytes, the server keeps serving.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createMemoryTransport } from '../../src/index.js';
import type { HttpApp } from '../node/helpers.js';
import { asApp } from '../node/helpers.js';
import type { HostileServer } from './hostile-server.js';
import { sendRaw, startHostileServer } from './hostile-server.js';

// The working directory's package.json: what a relative path would hand out.
const CWD_FILE = 'package.json';
const CWD_SECRET = JSON.parse(readFileSync(CWD_FILE, 'utf8')).name as string;
const dir = mkdtempSync(join(tmpdir(), 'flagon-file-paths-'));

const HOSTILE_PATHS = [
  CWD_FILE,
  `./${CWD_FILE}`,
  `../${process.cwd().split('/').pop()}/${CWD_FILE}`,
  'C:relative.txt',
  '',
  `${dir}/a\x00b`,
  dir,
  join(dir, 'missing.txt'),
];

/** Sends the file at the path the request's `?p=` names (percent-decoded), after a started response. */
const fileApp: HttpApp = async (scope, _receive, send) => {
  if (scope.path === '/fresh') {
    await send({ type: 'http.response.start', status: 200, headers: [['content-length', '9']] });
    await send({ type: 'http.response.body', body: 'ok:/fresh' });
    return;
  }
  const path = decodeURIComponent(scope.queryString.slice(2));
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.file', path });
};

describe('http.response.file on the reference server', () => {
  let target: HostileServer;
  beforeAll(async () => {
    target = await startHostileServer(fileApp);
  });
  afterAll(() => target.stop());

  it.each(HOSTILE_PATHS)('cuts the response and sends no file for %j', async (path) => {
    const reply = await sendRaw(
      target.port,
      `GET /file?p=${encodeURIComponent(path)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(reply.closed).toBe(true);
    expect(reply.text).not.toContain(CWD_SECRET);
    expect(reply.text).not.toMatch(/\r\n0\r\n\r\n$/); // cut, so the client can tell
    const fresh = await sendRaw(target.port, 'GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(fresh.text.endsWith('ok:/fresh')).toBe(true);
  });

  it('logs why, naming a relative path as such', () => {
    expect(target.logger.text()).toContain('send: file path must be absolute, got "package.json"');
  });
});

describe('http.response.file in the memory transport', () => {
  const transport = createMemoryTransport(asApp(fileApp), { logger: createLogger('silent') });
  beforeAll(() => transport.open());
  afterAll(() => transport.close());

  it.each(HOSTILE_PATHS)('cuts the response and sends no file for %j', async (path) => {
    const res = await transport.request({ path: '/file', query: `p=${encodeURIComponent(path)}` });
    expect(res.status).toBe(200); // the start went out before the file event failed
    await expect(res.text()).rejects.toThrow();
  });
});
