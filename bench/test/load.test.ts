// The load path end to end on the lightest contender, with a small fixed number of requests.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { parseAutocannonOutput, runLoad } from '../harness/load-generator.js';
import { LoadWorker } from '../harness/load-worker.js';
import { openCell } from '../harness/measurement.js';
import { watchProcessUsage } from '../harness/process-usage.js';
import { SCENARIOS } from '../harness/scenarios.js';
import { type RunningServer, startContender } from '../harness/server-process.js';

const nodeHttp = CONTENDERS.find((contender) => contender.id === 'node-http');
let server: RunningServer;

beforeAll(async () => {
  if (!nodeHttp) throw new Error('node-http contender missing');
  server = await startContender(nodeHttp, { core: null });
});

afterAll(async () => {
  await server?.stop();
});

describe('runLoad', () => {
  it.each(SCENARIOS.filter((scenario) => ['plaintext', 'validate', 'not-found'].includes(scenario.id)))(
    'sends exactly the requests asked for, and counts them by status ($id)',
    async (scenario) => {
      const result = await runLoad({
        url: server.url,
        request: scenario.request,
        connections: 2,
        amount: 200,
        core: null,
      });
      expect(result.requests).toBe(200);
      expect(result.statuses).toEqual({ [scenario.expected.status]: 200 });
      expect(result.errors).toBe(0);
      expect(result.rps).toBeGreaterThan(0);
    },
  );
});

describe('LoadWorker', () => {
  it('runs one load after another in the same process, counting each by status', async () => {
    const worker = await LoadWorker.start(null);
    try {
      const request = { method: 'GET', path: '/json' } as const;
      const first = await worker.run({ url: server.url, request, connections: 2, amount: 150, core: null });
      const second = await worker.run({ url: server.url, request, connections: 2, amount: 250, core: null });
      expect([first.requests, second.requests]).toEqual([150, 250]);
      expect(second.statuses).toEqual({ '200': 250 });
      expect(second.errors).toBe(0);
    } finally {
      await worker.stop();
    }
    // Stopped, it refuses work instead of hanging.
    await expect(
      worker.run({
        url: server.url,
        request: { method: 'GET', path: '/' },
        connections: 1,
        amount: 1,
        core: null,
      }),
    ).rejects.toThrow('the load worker exited');
  });
});

describe('watchProcessUsage', () => {
  it('reads the peak and current RSS and the CPU time of the server process', async () => {
    const usage = watchProcessUsage(server.pid);
    // Current first: the peak (VmHWM) only grows, so read after it can never be below it.
    const current = await usage.currentMb();
    const peak = await usage.peakMb();
    usage.stop();
    // A Node process needs well over 10 MiB, and never has more now than at its peak.
    expect(peak).toBeGreaterThan(10);
    expect(current).toBeGreaterThan(10);
    expect(current).toBeLessThanOrEqual(peak ?? 0);
    expect(await usage.cpuSeconds()).toBeGreaterThan(0);
  });
});

describe('parseAutocannonOutput', () => {
  it('reads the measured run, not the warm-up line before it', () => {
    const line = (rps: number, p99: number) =>
      JSON.stringify({
        duration: 4.01,
        errors: 0,
        timeouts: 1,
        statusCodeStats: { '201': { count: rps * 4 } },
        latency: { p50: 3, p99 },
        requests: { average: rps, total: rps * 4 },
      });
    expect(parseAutocannonOutput(`${line(10, 90)}\n${line(1000, 9)}\n`)).toEqual({
      rps: 1000,
      p50_ms: 3,
      p99_ms: 9,
      requests: 4000,
      errors: 0,
      timeouts: 1,
      statuses: { '201': 4000 },
      durationSeconds: 4.01,
      loadCpuSeconds: null,
    });
  });
});

/** The pids of this process's children (the node-http server of these tests among them). */
function childProcesses(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, command]) => pid !== '' && command !== 'ps') // the ps that lists them is a child too
    .map(([pid]) => pid ?? '')
    .sort();
}

describe('openCell', () => {
  it('starts a contender, checks its answer, warms it up and measures it slice by slice', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'json');
    if (!nodeHttp || !scenario) throw new Error('fixtures missing');
    const settings = {
      warmupSeconds: 0.5,
      durationSeconds: 2,
      sliceSeconds: 1,
      connections: 2,
      pipelining: 1,
    };
    const worker = await LoadWorker.start(null);
    const cell = await openCell(nodeHttp, scenario, settings, { runner: worker.run });
    try {
      await cell.warmUp();
      await cell.measureSlice();
      await cell.measureSlice();
      const numbers = await cell.result();
      expect(numbers.slices).toHaveLength(2);
      expect(numbers.slices.every((rps) => rps > 0)).toBe(true);
      expect(numbers.statuses).toEqual({ '200': numbers.requests });
      expect(numbers.rss_mb).toBeGreaterThan(10);
      // The server was busy under load, but cannot have used more than its one core.
      expect(numbers.server_cpu).toBeGreaterThan(0);
      expect(numbers.server_cpu).toBeLessThanOrEqual(1.1);
      // So was the load generator, on its own single thread.
      expect(numbers.load_cpu).toBeGreaterThan(0);
      expect(numbers.load_cpu).toBeLessThanOrEqual(1.1);
    } finally {
      await cell.stop();
      await worker.stop();
    }
  });

  it('rejects a contender that answers a scenario wrongly, and stops its server', async () => {
    const scenario = SCENARIOS.find((candidate) => candidate.id === 'json');
    if (!nodeHttp || !scenario) throw new Error('fixtures missing');
    const wrong = { ...scenario, expected: { ...scenario.expected, status: 418 } };
    const settings = {
      warmupSeconds: 0.5,
      durationSeconds: 1,
      sliceSeconds: 1,
      connections: 2,
      pipelining: 1,
    };
    const before = childProcesses();
    await expect(openCell(nodeHttp, wrong, settings)).rejects.toMatchObject({ stage: 'answer' });
    // Left running, it would share the server core with every later measurement.
    expect(childProcesses()).toEqual(before);
  });
});
