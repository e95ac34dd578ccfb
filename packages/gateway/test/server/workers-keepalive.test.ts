// A pool of keep-alive connections (nginx `keepalive`, an `http.Agent`) through a rolling reload: the
// draining workers must not close a pooled connection under a request the pool is sending on it.
import { afterEach, describe, expect, it } from 'vitest';
import { steadyLoad } from './load-loop.js';
import { answeringPids, stopRuns, supervised } from './workers-cli.js';

afterEach(stopRuns);

describe('flagon-gateway serve --workers: SIGHUP under a keep-alive pool', () => {
  it('loses no request and needs no retry: idle pooled connections are kept until their next request', async () => {
    // A short keep-alive timeout: the drains hold idle connections that long (the pool keeps its own busy).
    const run = await supervised(['--workers', '2', '--keep-alive-timeout', '1']);
    const old = await answeringPids(run.url, 2);
    let signalled = false;
    let reloaded = false;
    const report = await steadyLoad(
      run.url,
      () => {
        if (!signalled) {
          signalled = true;
          setTimeout(() => run.child.kill('SIGHUP'), 100);
        }
        reloaded ||= run.stderr().includes('Reload complete: 2 worker(s) replaced');
        return reloaded;
      },
      2_000,
      { loops: 8, newConnections: false },
    );
    expect(report.failures).toEqual([]);
    // A reset on a reused connection is what a pool sees when a worker closes an idle one under it.
    expect(report.retried).toBe(0);
    expect(report.ok).toBeGreaterThanOrEqual(2_000);
    // Answered by old workers, then by new ones.
    const pids = [...report.bodies.keys()].map((body) => Number(/^pid (\d+)/.exec(body)![1]));
    expect(pids.some((pid) => old.has(pid))).toBe(true);
    expect(pids.some((pid) => !old.has(pid))).toBe(true);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});
