import { describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { REPORT_END, REPORT_START, renderReport, replaceReport } from '../harness/markdown-report.js';
import type { MeasuredNumbers } from '../harness/measurement.js';
import { type BenchResults, pairedRatio, type RunContext, summarize } from '../harness/results.js';
import { type RoundRecord, SKIPPED } from '../harness/rounds.js';
import { SCENARIOS } from '../harness/scenarios.js';

const context: RunContext = {
  date: '2026-01-02T03:04:05.000Z',
  mode: 'full',
  settings: {
    warmupSeconds: 2,
    durationSeconds: 3,
    sliceSeconds: 1,
    connections: 100,
    rounds: 3,
    pipelining: 1,
  },
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

// Each round's three slices: the middle one in a slow phase that halves every contender alike.
function measured(rps: number, rss: number): MeasuredNumbers {
  return {
    rps,
    slices: [rps, rps / 2, rps],
    p50_ms: 2,
    p99_ms: rss / 10,
    rss_mb: rss,
    server_cpu: 0.98,
    load_cpu: rss / 100,
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
  it('keeps the median slice per cell, and ratios to node:http and to Fastify slice by slice', () => {
    const cells = results().results.json ?? {};
    // node:http slices 40k 20k 40k, 50k 25k 50k, 45k 22.5k 45k: the median is 40k.
    expect(cells['node-http']).toEqual({
      rps: 40_000,
      p50_ms: 2,
      p99_ms: 7,
      rss_mb: 70,
      server_cpu: 0.98,
      load_cpu: 0.7,
      rounds: 3,
      slices: 9,
      vs_node_http: 1,
      vs_fastify: 1.389,
    });
    // Fastify's slice ratios to node:http: 0.75 (×3), 0.72 (×3), 0.711 (×3).
    expect(cells.fastify).toMatchObject({ rps: 30_000, vs_node_http: 0.72, vs_fastify: 1 });
    expect(cells.hono).toMatchObject({ rps: 20_000, vs_node_http: 0.5, vs_fastify: 0.694 });
    expect(cells.express).toEqual({ error: 'express: exited before listening (code 1)\nstack' });
  });

  it('compares a Fetch contender with its rival on the same server, and says so under the table', () => {
    const extra: RoundRecord[] = [30_000, 36_000, 32_000].map((rps, index) => ({
      round: index + 1,
      scenario: 'json',
      contender: 'flagon-fetch',
      position: 0,
      ok: true,
      ...measured(rps * 0.9, 60),
    }));
    const contenders = CONTENDERS.filter((contender) =>
      ['hono', 'flagon-fetch', 'fastify'].includes(contender.id),
    );
    const run = summarize([...records(), ...extra], {
      scenarios: SCENARIOS.filter((s) => s.id === 'json'),
      contenders,
      context,
    });
    // Hono's slices are 20k, 25k and 22.5k per round; Flagon via Fetch's 27k, 32.4k and 28.8k.
    expect(run.results.json?.['flagon-fetch']).toMatchObject({ vs_rival: 1.296 });
    expect(run.results.json?.hono).not.toHaveProperty('vs_rival');
    expect(renderReport(run)).toContain(
      'Against Hono on the same runtime and server (slice-paired): Flagon via Fetch (node-server) 1.30×.',
    );
  });

  it('keeps the raw rounds and what the run depended on', () => {
    const all = results();
    expect(all.rounds).toHaveLength(11);
    expect(all).toMatchObject({
      schema_version: 2,
      mode: 'full',
      machine: context.machine,
      versions: context.versions,
    });
  });
});

describe('pairedRatio', () => {
  const record = (round: number, slices: number[]): RoundRecord => ({
    round,
    scenario: 'json',
    contender: 'flagon',
    position: 0,
    ok: true,
    ...measured(100, 50),
    slices,
  });

  it('compares slices of the same cycle, so a slow phase that caught more of one side does not count', () => {
    // A slow phase halves the contender's last three slices but only the middle two of the baseline's:
    // the medians would say 45/75 = 0.6, each cycle says 0.9 but one.
    const of = [record(1, [90, 45, 45, 45])];
    const base = [record(1, [100, 50, 50, 100])];
    expect(pairedRatio(of, base)).toBe(0.9);
  });

  it('pairs rounds by number, skips failed ones, and has no ratio without a pair', () => {
    const failed: RoundRecord = {
      round: 2,
      scenario: 'json',
      contender: 'flagon',
      position: 0,
      ok: false,
      error: 'x',
    };
    expect(pairedRatio([record(1, [80]), record(2, [10])], [failed, record(1, [100])])).toBe(0.8);
    expect(pairedRatio([record(1, [80])], [record(2, [100])])).toBeNull();
  });
});

describe('a scenario only the frameworks answer', () => {
  const sessionRecords = records()
    .filter((record) => record.contender !== 'node-http' && record.contender !== 'express')
    .map((record) => ({ ...record, scenario: 'session' as const }));
  const session = summarize(sessionRecords, {
    scenarios: SCENARIOS.filter((s) => s.id === 'session'),
    contenders: CONTENDERS.filter((contender) => contender.id in rpsByContender),
    context,
  });

  it('has no cell for bare node:http, and no ratio to it', () => {
    expect(Object.keys(session.results.session ?? {}).sort()).toEqual(['fastify', 'hono']);
    expect(session.results.session?.hono).toMatchObject({ vs_node_http: null, vs_fastify: 0.694 });
  });

  it('leaves the row out of the table rather than calling it failed', () => {
    const section = renderReport(session).split('### Signed-cookie session')[1] ?? '';
    expect(section).toContain('| Hono | 20,000 |');
    expect(section).not.toContain('node:http (bare)');
    expect(section).not.toContain('failed');
  });
});

describe('renderReport', () => {
  it('writes a table per scenario with req/s, latencies, peak RSS and both ratios', () => {
    const section = renderReport(results());
    expect(section.startsWith(REPORT_START)).toBe(true);
    expect(section.endsWith(REPORT_END)).toBe(true);
    expect(section).toContain('### JSON');
    expect(section).toContain(
      '| node:http (bare) | 40,000 | 2 ms | 7 ms | 70 MiB | 0.98 | 0.70 | 1.00× | 1.39× |',
    );
    expect(section).toContain('| Hono | 20,000 | 2 ms | 7 ms | 70 MiB | 0.98 | 0.70 | 0.50× | 0.69× |');
    expect(section).toContain('| Express | failed¹ |');
    expect(section).toContain('¹ Express: express: exited before listening (code 1)');
    expect(section).not.toContain('stack');
  });

  it('says what the run was: mode, settings, date, machine and versions', () => {
    const section = renderReport(results());
    expect(section).toContain('Generated by a full run (`pnpm bench`) on 2026-01-02 03:04 UTC: 3 round(s)');
    expect(section).toContain('2 s of warm-up, then 3 measured slices of 1 s with 100 connections');
    expect(section).toContain('Server on core 0, autocannon on core 1');
    expect(section).toContain('The run took 20.0 minutes.');
    expect(section).toContain('Test CPU, 2 cores; memory 4,096 MiB');
    expect(section).toContain('`fastify` 5.0.0');
  });
});

describe('renderReport on a busy machine', () => {
  it('judges by the cores busy just before the run, not by a load average from the minute before', () => {
    const machine = { ...context.machine, load_average: 1.9 };
    const idle = renderReport({ ...results(), machine: { ...machine, busy_before_run: 0.02 } });
    const busy = renderReport({ ...results(), machine: { ...machine, busy_before_run: 0.62 } });
    expect(idle).not.toContain('The machine was busy');
    expect(idle).toContain(
      'load average 1.9 when the run started, 2 % of the cores busy in the seconds before',
    );
    expect(busy).toContain(
      '**The machine was busy** (62 % of the 2 cores busy in the seconds before the run started)',
    );
  });

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
