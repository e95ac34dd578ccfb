// The load path end to end on the lightest contender, with a small fixed number of requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { parseAutocannonOutput, runLoad } from '../harness/load-generator.js';
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

describe('watchProcessUsage', () => {
  it('reads the peak and current RSS and the CPU time of the server process', async () => {
    const usage = watchProcessUsage(server.pid);
    const peak = await usage.peakMb();
    const current = await usage.currentMb();
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
    });
  });
});
