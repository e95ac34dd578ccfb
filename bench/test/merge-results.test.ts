// Folding a run of some scenarios into the published results (`pnpm bench --scenario ... --merge`).
import { describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { renderReport } from '../harness/markdown-report.js';
import type { MeasuredNumbers } from '../harness/measurement.js';
import { mergeProblem, mergeResults } from '../harness/merge-results.js';
import { type BenchResults, summarize } from '../harness/results.js';
import type { RoundRecord } from '../harness/rounds.js';
import { answers, SCENARIOS, type ScenarioId } from '../harness/scenarios.js';
import { testRunContext } from './run-context.js';

const context = testRunContext;

const numbers = (rps: number): MeasuredNumbers => ({
  rps,
  slices: [rps],
  p50_ms: 1,
  p99_ms: 2,
  rss_mb: 80,
  server_cpu: 0.97,
  load_cpu: 0.5,
  requests: rps,
  errors: 0,
  timeouts: 0,
  statuses: { '200': rps },
});

/** A run of `ids` in which every contender answering a scenario did `rps` requests/s. */
function run(ids: readonly ScenarioId[], rps: number, date: string, versions: Record<string, string>) {
  const scenarios = SCENARIOS.filter((scenario) => ids.includes(scenario.id));
  const records: RoundRecord[] = scenarios.flatMap((scenario) =>
    CONTENDERS.filter((contender) => answers(contender.id, scenario)).map((contender) => ({
      round: 1,
      scenario: scenario.id,
      contender: contender.id,
      position: 0,
      ok: true as const,
      ...numbers(rps),
    })),
  );
  return summarize(records, { scenarios, contenders: CONTENDERS, context: context(date, versions) });
}

const published = run(['plaintext', 'json', 'session'], 1000, '2026-11-27T06:13:00.000Z', {
  fastify: '5.0.0',
});
const later = run(['session', 'static'], 2000, '2026-12-07T17:00:00.000Z', {
  fastify: '5.0.0',
  '@fastify/static': '10.1.11',
});

describe('mergeResults', () => {
  const merged = mergeResults(published, later);

  it('replaces the run’s scenarios, keeps the others, in report order', () => {
    expect(merged.scenarios.map((scenario) => scenario.id)).toEqual([
      'plaintext',
      'json',
      'session',
      'static',
    ]);
    expect(merged.results.plaintext?.fastify).toMatchObject({ rps: 1000 });
    expect(merged.results.session?.fastify).toMatchObject({ rps: 2000 });
    expect(merged.results.static?.['node-http']).toMatchObject({ rps: 2000 });
    const sessionRounds = merged.rounds.filter((record) => record.scenario === 'session');
    expect(sessionRounds.every((record) => record.ok && record.rps === 2000)).toBe(true);
    expect(merged.rounds.filter((record) => record.scenario === 'plaintext')).toHaveLength(CONTENDERS.length);
  });

  it('keeps the published run’s date and settings, and says when the merged scenarios ran', () => {
    expect(merged.date).toBe(published.date);
    expect(merged.versions).toEqual({ fastify: '5.0.0', '@fastify/static': '10.1.11' });
    expect(merged.merged).toEqual([
      expect.objectContaining({ scenarios: ['session', 'static'], date: later.date, elapsed_seconds: 300 }),
    ]);
    const report = renderReport(merged);
    expect(report).toContain(
      '**Signed-cookie session, Static file (64 KiB)** were measured in a later run (`pnpm bench --scenario session,static --merge`) on 2026-12-07 17:00 UTC: 1 round(s)',
    );
  });

  it('forgets an earlier merged run once all its scenarios were measured again', () => {
    const again = mergeResults(merged, run(['static'], 3000, '2026-12-08T00:00:00.000Z', {}));
    expect(again.merged?.map((entry) => entry.scenarios)).toEqual([['session'], ['static']]);
    const third = mergeResults(again, run(['session'], 3000, '2026-12-09T00:00:00.000Z', {}));
    expect(third.merged?.map((entry) => entry.scenarios)).toEqual([['static'], ['session']]);
  });
});

describe('mergeProblem', () => {
  it('merges only a full autocannon run of every contender', () => {
    expect(mergeProblem(published, later)).toBeNull();
    const quick: BenchResults = { ...later, mode: 'quick' };
    expect(mergeProblem(published, quick)).toBe('a quick run is not merged into the published results');
    const wrk: BenchResults = { ...later, settings: { ...later.settings, load_generator: 'wrk' } };
    expect(mergeProblem(published, wrk)).toBe('only an autocannon run is merged');
    const fewer: BenchResults = { ...later, contenders: later.contenders.filter((c) => c.id !== 'hono') };
    expect(mergeProblem(published, fewer)).toBe('the run left out hono');
  });
});
