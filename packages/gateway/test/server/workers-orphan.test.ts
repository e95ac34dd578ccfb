// A supervisor killed outright (SIGKILL, the OOM killer): its workers must notice and go, freeing the port.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../node/helpers.js';
import { ROOT, runCli, watchChild } from './cli-process.js';
import { canConnect, canListen, freePort } from './ports.js';
import { APP, answeringPids, stopRuns, supervised, track } from './workers-cli.js';

const WATCHER = 'packages/gateway/test/server/fixtures/orphan-watch.ts';

afterEach(stopRuns);

/** True while a process with this pid exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('flagon-gateway serve --workers: a supervisor killed with SIGKILL', () => {
  it('leaves no orphan: every worker drains and exits, and the port is free again', async () => {
    const run = await supervised(['--workers', '2']);
    const workers = await answeringPids(run.url, 2);
    run.child.kill('SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Bounded waits, no time asserted: each worker checks on its supervisor every second.
    await eventually(() => [...workers].every((pid) => !alive(pid)), 15_000);
    expect(await canConnect(run.port)).toBe(false);
    expect(await canListen(run.port)).toBe(true);
  }, 40_000);

  it('leaves no orphan when killed while its workers still boot', async () => {
    const port = await freePort();
    const run = track(
      runCli(['serve', APP, '--port', String(port), '--workers', '2', '--no-access-log'], {
        FLAGON_TEST_STARTUP_MS: '2000',
      }),
    );
    await eventually(() => (run.stderr().match(/booting pid \d+/g) ?? []).length === 2, 20_000);
    const workers = [...run.stderr().matchAll(/booting pid (\d+)/g)].map((match) => Number(match[1]));
    run.child.kill('SIGKILL');
    await eventually(() => workers.every((pid) => !alive(pid)), 15_000);
    expect(run.stderr()).toContain('WARN The supervisor is gone');
    expect(await canListen(port)).toBe(true);
  }, 40_000);
});

describe('watchSupervisor', () => {
  it("notices a parent's death without any IPC channel: its pid as parent changed", async () => {
    // A parent (no IPC) starts the watcher with the test's own pipes, then is killed outright.
    const parent = track(
      watchChild(
        spawn(
          process.execPath,
          [
            '-e',
            `require('node:child_process').spawn(process.execPath, ['--import', 'tsx', ${JSON.stringify(WATCHER)}], { stdio: 'inherit' })`,
          ],
          { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
        ),
      ),
    );
    await eventually(() => parent.stdout().includes('watching from pid'), 20_000);
    const watcher = Number(/watching from pid (\d+)/.exec(parent.stdout())![1]);
    parent.child.kill('SIGKILL');
    await eventually(() => !alive(watcher), 15_000);
    expect(parent.stdout()).toContain('noticed: parent gone');
  }, 30_000);
});
