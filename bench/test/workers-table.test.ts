// The worker table (`pnpm bench --workers`): its contenders start the way the run starts them, run as
// several processes, answer every scenario of the table, and the report renders the table.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMismatches, fetchAnswer } from '../harness/answer-check.js';
import { CONTENDER_IDS, CONTENDERS, type ContenderId, WORKER_CONTENDERS } from '../harness/contenders.js';
import { coversEverything, estimatedMinutes, parseBenchOptions } from '../harness/options.js';
import { preparedRequest } from '../harness/prepared-request.js';
import { processTree } from '../harness/process-usage.js';
import type { RunContext } from '../harness/results.js';
import { summarize } from '../harness/results.js';
import type { RoundRecord } from '../harness/rounds.js';
import { SCENARIOS } from '../harness/scenarios.js';
import { type RunningServer, startContender } from '../harness/server-process.js';
import { renderWorkersReport, WORKERS_END, WORKERS_START } from '../harness/workers-report.js';
import {
  WORKER_TABLE_CONTENDERS,
  WORKER_TABLE_SCENARIOS,
  withWorkerRatios,
} from '../harness/workers-table.js';
import { testRunContext } from './run-context.js';

// The Node processes of a contender's tree: tsx may add an esbuild service child while its cache is cold.
async function nodeProcesses(pid: number): Promise<number[]> {
  const tree = await processTree(pid);
  const names = await Promise.all(tree.map((each) => readFile(`/proc/${each}/comm`, 'utf8').catch(() => '')));
  return tree.filter((_, i) => names[i]!.trim() !== 'esbuild');
}

describe('pnpm bench --workers: options', () => {
  it('measures the table its own way, and leaves the default run as it was', () => {
    const options = parseBenchOptions(['--workers']);
    expect(options.mode).toBe('workers');
    expect(options.scenarios).toEqual(['plaintext', 'json', 'query']);
    expect(options.contenders).toEqual(WORKER_TABLE_CONTENDERS);
    expect(coversEverything(options)).toBe(true);
    expect(estimatedMinutes(options)).toBeLessThanOrEqual(10);
    const full = parseBenchOptions([]);
    expect(full.contenders).toEqual(CONTENDER_IDS);
    expect(full.contenders).not.toContain('flagon-workers-2');
    expect(() => parseBenchOptions(['--workers', '--quick'])).toThrow(
      '--quick and --workers do not go together',
    );
    expect(() => parseBenchOptions(['--contender', 'node-cluster'])).toThrow(
      'unknown --contender node-cluster',
    );
  });
});

const servers = new Map<ContenderId, RunningServer>();
const startErrors = new Map<ContenderId, string>();

beforeAll(async () => {
  // One after the other: each is several processes booting, and they share two cores.
  for (const contender of WORKER_CONTENDERS) {
    try {
      servers.set(contender.id, await startContender(contender, { core: 'all' }));
    } catch (error) {
      startErrors.set(contender.id, error instanceof Error ? error.message : String(error));
    }
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.stop()));
});

function serverOf(id: ContenderId): RunningServer {
  expect(startErrors.get(id), `${id} did not start`).toBeUndefined();
  const server = servers.get(id);
  if (!server) throw new Error(`${id} is not running`);
  return server;
}

describe.each(WORKER_CONTENDERS.map((contender) => contender.id))('contender %s', (id) => {
  it('runs as a supervisor (or primary) and its workers', async () => {
    const workers = WORKER_CONTENDERS.find((contender) => contender.id === id)?.cliWorkers ?? 2;
    expect((await nodeProcesses(serverOf(id).pid)).length).toBe(1 + workers);
  });

  it.each(WORKER_TABLE_SCENARIOS)('gives the expected answer to %s', async (scenarioId) => {
    const scenario = SCENARIOS.find((each) => each.id === scenarioId)!;
    const { url } = serverOf(id);
    const request = await preparedRequest(scenario, (setup) => fetchAnswer(url, setup));
    expect(answerMismatches(scenario.expected, await fetchAnswer(url, request))).toEqual([]);
  });
});

describe('the worker table in docs/benchmarks.md', () => {
  const context: RunContext = {
    ...testRunContext('2026-01-02T03:04:05.000Z', { node: 'v20.0.0' }),
    mode: 'workers',
    elapsed_seconds: 360,
  };
  const rps: Record<string, number> = {
    'node-http': 40_000,
    'node-cluster': 50_000,
    flagon: 20_000,
    'flagon-workers-1': 19_000,
    'flagon-workers-2': 30_000,
  };
  const records: RoundRecord[] = Object.entries(rps).map(([contender, value]) => ({
    round: 1,
    scenario: 'json',
    contender: contender as ContenderId,
    position: 0,
    ok: true,
    rps: value,
    slices: [value, value, value],
    p50_ms: 2,
    p99_ms: 9,
    rss_mb: 80,
    server_cpu: 1.5,
    load_cpu: 0.9,
    requests: value * 3,
    errors: 0,
    timeouts: 0,
    statuses: { 200: value * 3 },
  }));
  const all = [...CONTENDERS, ...WORKER_CONTENDERS];
  const table = withWorkerRatios(
    summarize(records, {
      scenarios: SCENARIOS.filter((scenario) => scenario.id === 'json'),
      contenders: WORKER_TABLE_CONTENDERS.map((id) => all.find((contender) => contender.id === id)!),
      context,
    }),
  );

  it('shows req/s with the ratios against one process and against node:cluster, and says what was measured', () => {
    const section = renderWorkersReport(table);
    expect(section.startsWith(WORKERS_START)).toBe(true);
    expect(section.endsWith(WORKERS_END)).toBe(true);
    expect(section).toContain('| vs Flagon, 1 process | vs node:cluster | vs node:http |');
    expect(section).toContain(
      '| Flagon framework, flagon-gateway --workers 2 | 30,000 | 2 ms | 9 ms | 80 MiB | 1.50 | 0.90 | 1.50× | 0.60× | 0.75× |',
    );
    expect(section).toContain('| node:http on node:cluster, 2 workers | 50,000 |');
    expect(section).toContain('one of them shares a core with autocannon');
  });
});
