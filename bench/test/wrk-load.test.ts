// wrk as the load generator: its script and report in any environment, a real load where wrk is installed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { SCENARIOS } from '../harness/scenarios.js';
import { type RunningServer, startContender } from '../harness/server-process.js';
import { parseWrkOutput, runWrk, WRK_REPORT_PREFIX, wrkAvailable, wrkScript } from '../harness/wrk-load.js';

const scenario = (id: string) => {
  const found = SCENARIOS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
};

describe('wrk report', () => {
  it('reads the script’s line: rate over wrk’s own time, latencies in ms, a 0 percentile as unknown', () => {
    const line = `${WRK_REPORT_PREFIX}{"requests":5000,"duration_us":2000000,"errors":3,"timeouts":1,"p50_us":2345.6,"p99_us":0,"statuses":{"200":4990,"500":10}}`;
    expect(parseWrkOutput(`Running 2s test\n${line}\nRequests/sec: 2500\n`)).toEqual({
      rps: 2500,
      p50_ms: 2.3,
      p99_ms: null,
      requests: 5000,
      errors: 3,
      timeouts: 1,
      statuses: { '200': 4990, '500': 10 },
      durationSeconds: 2,
      loadCpuSeconds: null,
    });
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1\n')).toThrow(/wrk printed no report/);
  });

  it('writes a script that sends the scenario’s method, headers and body, pipelined', () => {
    const options = {
      url: 'http://127.0.0.1:1',
      request: scenario('validate').request,
      connections: 4,
      pipelining: 7,
      core: null,
    };
    const script = wrkScript(options, '/tmp/body');
    expect(script).toContain('wrk.method = "POST"');
    expect(script).toContain('wrk.headers["content-type"] = "application/json"');
    expect(script).toContain('io.open("/tmp/body", "rb")');
    expect(script).toContain('for i = 1, 7 do batch[i] = wrk.format() end');
    expect(wrkScript({ ...options, request: scenario('json').request }, null)).not.toContain('io.open');
  });
});

describe.skipIf(!wrkAvailable())('wrk against a server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const nodeHttp = CONTENDERS.find((contender) => contender.id === 'node-http');
    if (!nodeHttp) throw new Error('node-http contender missing');
    server = await startContender(nodeHttp, { core: null });
  });
  afterAll(() => server.stop());

  it('loads GET and POST scenarios and counts every status', async () => {
    for (const id of ['plaintext', 'validate', 'not-found']) {
      const { request, expected } = scenario(id);
      const result = await runWrk({
        url: server.url,
        request,
        connections: 2,
        pipelining: 3,
        durationSeconds: 1,
        core: null,
      });
      expect(result.requests).toBeGreaterThan(0);
      expect(result.statuses).toEqual({ [String(expected.status)]: result.requests });
      expect(result.rps).toBeGreaterThan(0);
    }
  });

  it('refuses a fixed request count, which only autocannon sends', async () => {
    const load = {
      url: server.url,
      request: scenario('json').request,
      connections: 1,
      amount: 10,
      core: null,
    };
    await expect(runWrk(load)).rejects.toThrow('needs autocannon');
  });
});
