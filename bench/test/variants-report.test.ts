// Variants measured in the same run (`--unpipelined`, `--routes 10,200,2000`): how they are summarized,
// shown beside their scenario or in the router-scale table, merged, and that older results still render.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { renderReport } from '../harness/markdown-report.js';
import type { MeasuredNumbers } from '../harness/measurement.js';
import { mergeResults } from '../harness/merge-results.js';
import { type BenchResults, summarize } from '../harness/results.js';
import type { RoundRecord } from '../harness/rounds.js';
import { SCENARIOS, type ScenarioId } from '../harness/scenarios.js';
import { type MeasuredScenario, measuredName, measuredScenarios, measures } from '../harness/variants.js';
import { testRunContext } from './run-context.js';

const context = testRunContext;

const numbers = (rps: number): MeasuredNumbers => ({
  rps,
  slices: [rps, rps],
  p50_ms: 1,
  p99_ms: 2,
  rss_mb: 80,
  server_cpu: 0.97,
  load_cpu: 0.5,
  requests: rps * 2,
  errors: 0,
  timeouts: 0,
  statuses: { '200': rps * 2 },
});

// Fastify answers 1,000 req/s everywhere; the others `speed` × 1,000, less with more routes or unpipelined.
const speed: Partial<Record<string, number>> = { flagon: 1.2, hono: 0.8 };
function rpsOf(contender: string, measured: MeasuredScenario): number {
  const base = 1000 * (speed[contender] ?? 1);
  if (measured.variant?.pipelining === 1) return base / 4;
  if (measured.variant?.routes === 2000 && contender === 'hono') return base / 2;
  return base;
}

/** A full run of `ids` with these variants, every contender that `measures` a cell answering it. */
function run(ids: readonly ScenarioId[], plan: Parameters<typeof measuredScenarios>[1], date: string) {
  const scenarios = SCENARIOS.filter((scenario) => ids.includes(scenario.id));
  const measured = measuredScenarios(scenarios, plan);
  const records: RoundRecord[] = measured.flatMap((cell) =>
    CONTENDERS.filter((contender) => measures(contender, cell)).map((contender) => ({
      round: 1,
      scenario: cell.scenario.id,
      contender: contender.id,
      position: 0,
      ...(cell.variant === undefined ? {} : { variant: cell.variant.key }),
      ok: true as const,
      ...numbers(rpsOf(contender.id, cell)),
    })),
  );
  return summarize(records, { scenarios, contenders: CONTENDERS, measured, context: context(date) });
}

describe('measuredScenarios', () => {
  it('puts each scenario’s variants right after it', () => {
    const scenarios = SCENARIOS.filter((scenario) => ['params', 'query', 'list'].includes(scenario.id));
    const plan = measuredScenarios(scenarios, { unpipelined: ['list'], routes: [10, 200, 2000] });
    expect(plan.map(measuredName)).toEqual([
      'params',
      'params@routes-10',
      'params@routes-2000',
      'query',
      'list',
      'list@pipelining-1',
    ]);
  });
});

describe('a run with variants', () => {
  const results = run(
    ['params', 'query'],
    { unpipelined: ['query'], routes: [10, 200, 2000] },
    '2026-12-07T21:00:00Z',
  );

  it('keeps the scenarios’ own cells apart from their variants’, each with its own ratios', () => {
    expect(results.results.query?.flagon).toMatchObject({ rps: 1200, vs_fastify: 1.2 });
    expect(results.variants?.['pipelining-1']).toMatchObject({
      pipelining: 1,
      results: { query: { flagon: { rps: 300, vs_fastify: 1.2 }, fastify: { rps: 250 } } },
    });
    expect(results.variants?.['routes-2000']?.results.params?.hono).toMatchObject({
      rps: 400,
      vs_fastify: 0.4,
    });
    expect(results.variants?.['routes-2000']?.results.params).not.toHaveProperty('hono-bun');
    expect(results.rounds.filter((record) => record.variant === 'routes-10')).toHaveLength(
      CONTENDERS.filter((contender) => contender.runtime !== 'bun').length,
    );
  });

  it('shows the unpipelined req/s and ratio to Fastify beside the pipelined figures', () => {
    const report = renderReport(results);
    const query = report.split('### Validated query')[1]?.split('###')[0] ?? '';
    expect(query).toContain(
      '| contender | req/s | p50 | p99 | peak RSS | server CPU | load CPU | vs node:http | vs Fastify | req/s, pipelining 1 | vs Fastify, pipelining 1 |',
    );
    expect(query).toContain(
      '| Flagon framework | 1,200 | 1 ms | 2 ms | 80 MiB | 0.97 | 0.50 | 1.20× | 1.20× | 300 | 1.20× |',
    );
    expect(report).toContain('**Validated query, list of 10** were also measured with pipelining 1');
    // The param scenario has no unpipelined figures: its table keeps its nine columns.
    const params = report.split('### Route params')[1]?.split('###')[0] ?? '';
    expect(params).toContain(
      '| contender | req/s | p50 | p99 | peak RSS | server CPU | load CPU | vs node:http | vs Fastify |\n',
    );
  });

  it('writes the router-scale table: every Node contender at 10, 200 and 2,000 routes', () => {
    const table = renderReport(results).split('### Router scale')[1]?.split('###')[0] ?? '';
    expect(table).toContain(
      '| contender | 10 routes | 200 routes | 2,000 routes | 2,000 vs 10 | vs Fastify at 2,000 |',
    );
    expect(table).toContain('| Hono | 800 | 800 | 400 | 0.50× | 0.40× |');
    expect(table).toContain('| Flagon framework | 1,200 | 1,200 | 1,200 | 1.00× | 1.20× |');
    // The Bun contenders were measured at 200 only: their row would say nothing about scale.
    expect(table).toContain('| Hono (Bun.serve) | — | 1,000 | — | — | — |');
  });

  it('has no router-scale table nor extra columns without variants', () => {
    const plain = run(['params', 'query'], { unpipelined: [], routes: [200] }, '2026-12-07T21:00:00Z');
    expect(plain.variants).toBeUndefined();
    expect(renderReport(plain)).not.toContain('Router scale');
    expect(renderReport(plain)).not.toContain('req/s, pipelining 1');
  });
});

describe('merging variants', () => {
  const published = run(
    ['params', 'query', 'list'],
    { unpipelined: ['query'], routes: [200] },
    '2026-12-07T19:00:00Z',
  );
  const scale = run(['params'], { unpipelined: [], routes: [10, 200, 2000] }, '2026-12-07T22:00:00Z');

  it('adds a later run’s variants, and says how that run was asked for', () => {
    const merged = mergeResults(published, scale);
    expect(Object.keys(merged.variants ?? {}).sort()).toEqual(['pipelining-1', 'routes-10', 'routes-2000']);
    expect(merged.merged?.at(-1)?.variants).toEqual({ 'routes-10': ['params'], 'routes-2000': ['params'] });
    expect(renderReport(merged)).toContain('(`pnpm bench --scenario params --routes 10,200,2000 --merge`)');
    expect(renderReport(merged)).toContain('### Router scale');
  });

  it('drops a scenario’s old variants with its old cells when the scenario is measured again', () => {
    const again = run(['query'], { unpipelined: [], routes: [200] }, '2026-12-07T23:00:00Z');
    const merged = mergeResults(published, again);
    expect(merged.variants).toBeUndefined();
    expect(merged.rounds.filter((record) => record.variant !== undefined)).toEqual([]);
    expect(JSON.parse(JSON.stringify(merged))).not.toHaveProperty('variants');
  });
});

describe('the committed results file', () => {
  it('still renders (written before variants existed): one table per scenario, no variant columns', () => {
    const file = new URL('../results/latest.json', import.meta.url);
    const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    const report = renderReport(results);
    for (const scenario of results.scenarios) expect(report).toContain(`### ${scenario.title}`);
    expect(report).toContain('| Flagon framework |');
  });
});
