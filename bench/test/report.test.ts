import { describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { REPORT_END, REPORT_START, renderReport, replaceReport } from '../harness/markdown-report.js';
import type { MeasuredNumbers } from '../harness/measurement.js';
import { type BenchResults, type RunContext, summarize } from '../harness/results.js';
import { type RoundRecord, SKIPPED } from '../harness/rounds.js';
import { SCENARIOS } from '../harness/scenarios.js';

const context: RunContext = {
  date: '2026-01-02T03:04:05.000Z',
  mode: 'full',
  settings: { warmupSeconds: 2, durationSeconds: 4, connections: 100, rounds: 3, pipelining: 1 },
  pinning: { server_core: 0, load_core: 1 },
  machine: { cpu_model: 'Test CPU', cores: 2, memory_mb: 4096, os: 'linux test x64', load_average: 0.1 },
  versions: { node: 'v20.0.0', fastify: '5.0.0' },
  elapsed_seconds: 1200,
};

const rpsByContender: Record<string, number[]> = {
  'node-http': [40_000, 50_000, 45_000],
  fastify: [30_000, 36_000, 32_000],
  hono: [20_000, 25_000, 22_500],
};

function measured(rps: number, rss: number): MeasuredNumbers {
  return {
    rps,
    p50_ms: 2,
    p99_ms: rss / 10,
    rss_mb: rss,
    server_cpu: 0.98,
    requests: rps * 4,
    errors: 0,
    timeouts: 0,
    statuses: {},
  };
}

function records(): RoundRecord[] {
  const scenario = 'json' as const;
  const list: RoundRecord[] = [];
  for (const [contender, values] of Object.entries(rpsByContender)) {
    values.forEach((rps, index) => {
      list.push({
        round: index + 1,
        scenario,
        contender: contender as RoundRecord['contender'],
        position: 0,
        ok: true,
        ...measured(rps, 60 + index * 10),
      });
    });
  }
  list.push({
    round: 1,
    scenario,
    contender: 'express',
    position: 0,
    ok: false,
    error: 'express: exited before listening (code 1)\nstack',
  });
  // A later round of a broken cell only says it was skipped; the report must keep the first error.
  list.push({ round: 2, scenario, contender: 'express', position: 0, ok: false, error: SKIPPED });
  return list;
}

function results(): BenchResults {
  const contenders = CONTENDERS.filter(
    (contender) => contender.id in rpsByContender || contender.id === 'express',
  );
  return summarize(records(), { scenarios: SCENARIOS.filter((s) => s.id === 'json'), contenders, context });
}

describe('summarize', () => {
  it('keeps the medians per cell, and ratios to node:http and to Fastify', () => {
    const cells = results().results.json ?? {};
    expect(cells['node-http']).toEqual({
      rps: 45_000,
      p50_ms: 2,
      p99_ms: 7,
      rss_mb: 70,
      server_cpu: 0.98,
      rounds: 3,
      vs_node_http: 1,
      vs_fastify: 1.406,
    });
    expect(cells.fastify).toMatchObject({ rps: 32_000, vs_node_http: 0.711, vs_fastify: 1 });
    expect(cells.hono).toMatchObject({ rps: 22_500, vs_node_http: 0.5, vs_fastify: 0.703 });
    expect(cells.express).toEqual({ error: 'express: exited before listening (code 1)\nstack' });
  });

  it('keeps the raw rounds and what the run depended on', () => {
    const all = results();
    expect(all.rounds).toHaveLength(11);
    expect(all).toMatchObject({
      schema_version: 1,
      mode: 'full',
      machine: context.machine,
      versions: context.versions,
    });
  });
});

describe('renderReport', () => {
  it('writes a table per scenario with req/s, latencies, peak RSS and both ratios', () => {
    const section = renderReport(results());
    expect(section.startsWith(REPORT_START)).toBe(true);
    expect(section.endsWith(REPORT_END)).toBe(true);
    expect(section).toContain('### JSON');
    expect(section).toContain('| node:http (bare) | 45,000 | 2 ms | 7 ms | 70 MiB | 0.98 | 1.00× | 1.41× |');
    expect(section).toContain('| Hono | 22,500 | 2 ms | 7 ms | 70 MiB | 0.98 | 0.50× | 0.70× |');
    expect(section).toContain('| Express | failed¹ |');
    expect(section).toContain('¹ Express: express: exited before listening (code 1)');
    expect(section).not.toContain('stack');
  });

  it('says what the run was: mode, settings, date, machine and versions', () => {
    const section = renderReport(results());
    expect(section).toContain('full run (`pnpm bench`), 2026-01-02T03:04:05.000Z: 3 round(s)');
    expect(section).toContain('server on core 0, autocannon on core 1');
    expect(section).toContain('The run took 20.0 minutes.');
    expect(section).toContain('Test CPU, 2 cores; memory 4,096 MiB');
    expect(section).toContain('`fastify` 5.0.0');
  });
});

describe('renderReport on a busy machine', () => {
  it('warns when the load average at the start was high for the cores', () => {
    const quiet = renderReport(results());
    const busy = renderReport({ ...results(), machine: { ...context.machine, load_average: 6.07 } });
    expect(quiet).not.toContain('The machine was busy');
    expect(busy).toContain('**The machine was busy** (load average 6.07 on 2 cores when the run started)');
  });
});

describe('replaceReport', () => {
  it('replaces only the generated section and keeps the prose around it', () => {
    const doc = `# Benchmarks\n\nintro\n\n${REPORT_START}\nold\n${REPORT_END}\n\n## How to read\n`;
    expect(replaceReport(doc, `${REPORT_START}\nnew\n${REPORT_END}`)).toBe(
      `# Benchmarks\n\nintro\n\n${REPORT_START}\nnew\n${REPORT_END}\n\n## How to read\n`,
    );
  });

  it('appends the section to a document that has none yet', () => {
    expect(replaceReport('# Benchmarks\n', 'SECTION')).toBe('# Benchmarks\n\nSECTION\n');
  });
});
