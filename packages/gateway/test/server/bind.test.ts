// --bind: TCP on IPv4 and IPv6, unix sockets (mode, stale files), several at once, with and without workers.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseBind } from '../../src/server/bind.js';
import { eventually, fetchOutcome } from '../node/helpers.js';
import type { CliRun } from './cli-process.js';
import { listeningUrl, runCli, stop, watchChild } from './cli-process.js';

const APP = 'packages/gateway/test/server/fixtures/workers-app.ts';
const dir = mkdtempSync(join(tmpdir(), 'flagon-bind-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runs: CliRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) stop(run);
});

/** GET / over a unix socket. */
function getOverSocket(socketPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path: '/', headers: { host: 'x' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve(body));
    })
      .on('error', reject)
      .end();
  });
}

describe('parseBind', () => {
  it('reads host:port, [ipv6]:port and unix:/path, and says which forms it takes', () => {
    expect(parseBind('0.0.0.0:8000')).toEqual({ host: '0.0.0.0', port: 8000 });
    expect(parseBind('localhost:0')).toEqual({ host: 'localhost', port: 0 });
    expect(parseBind('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
    expect(parseBind('unix:/run/app.sock')).toEqual({ path: '/run/app.sock' });
    for (const wrong of ['8000', '::1:8000', 'host:99999', 'unix:', '[nope]:80']) {
      expect(() => parseBind(wrong), wrong).toThrow(RangeError);
    }
  });
});

describe('flagon-gateway serve --bind', () => {
  it('listens on IPv4, IPv6 and a unix socket at once with workers, and refuses a socket in use', async () => {
    const socket = join(dir, 'workers.sock');
    const args = ['serve', APP, '--workers', '2', '--no-access-log', '--unix-socket-mode', '660'];
    const run = runCli([...args, '--bind', '127.0.0.1:0', '--bind', '[::1]:0', '--bind', `unix:${socket}`]);
    runs.push(run);
    await eventually(() => run.stderr().includes('Supervising'), 20_000);
    const listening = [...run.stderr().matchAll(/\[flagon\] INFO Listening on (\S+)/g)].map((m) => m[1]);
    expect(listening).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      expect.stringMatching(/^http:\/\/\[::1\]:\d+$/),
      `unix:${socket}`,
    ]);
    expect((await fetchOutcome(`${listening[0]}/`)).body).toMatch(/^pid \d+$/);
    expect((await fetchOutcome(`${listening[1]}/`)).body).toMatch(/^pid \d+$/);
    expect(await getOverSocket(socket)).toMatch(/^pid \d+$/);
    expect(statSync(socket).mode & 0o777).toBe(0o660);

    // A second server on the same socket file is refused: the file belongs to a live server.
    const second = runCli(['serve', APP, '--bind', `unix:${socket}`]);
    runs.push(second);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toContain(`cannot listen on unix:${socket}: another server is listening on it`);
    expect(await getOverSocket(socket)).toMatch(/^pid \d+$/);

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(existsSync(socket)).toBe(false);
  }, 40_000);

  it('removes a stale socket file left by a crashed server, and refuses a file that is not a socket', async () => {
    const socket = join(dir, 'stale.sock');
    // A server killed outright leaves its socket file behind, with nothing listening on it.
    const crashed = watchChild(
      spawn(
        process.execPath,
        [
          '-e',
          `require('node:net').createServer().listen(${JSON.stringify(socket)}, () => process.kill(process.pid, 'SIGKILL'))`,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      ),
    );
    expect((await crashed.exited).signal).toBe('SIGKILL');
    expect(statSync(socket).isSocket()).toBe(true);

    const run = runCli(['serve', APP, '--bind', `unix:${socket}`, '--no-access-log', '--log-level', 'warn']);
    runs.push(run);
    expect(await listeningUrl(run).catch(() => run.stderr())).toBe(`unix:${socket}`);
    expect(await getOverSocket(socket)).toMatch(/^pid \d+$/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });

    const data = join(dir, 'data.txt');
    writeFileSync(data, 'keep me');
    const refused = runCli(['serve', APP, '--bind', `unix:${data}`]);
    runs.push(refused);
    expect(await refused.exited).toEqual({ code: 1, signal: null });
    expect(refused.stderr()).toContain(`cannot listen on unix:${data}: the file exists and is not a socket`);
  }, 40_000);
});
