import { describe, expect, it } from 'vitest';
import { CONTENDERS, type Contender } from '../harness/contenders.js';
import type { LoadResult } from '../harness/load-generator.js';
import { combineSlices, type LiveCell, MeasurementError, type OpenCell } from '../harness/measurement.js';
import { type RoundRecord, rotate, runRounds, shuffle } from '../harness/rounds.js';
import { SCENARIOS, type Scenario } from '../harness/scenarios.js';
import { median } from '../harness/statistics.js';
import { measuredScenarios } from '../harness/variants.js';

// Three 1-s slices per contender, scenario and round.
const settings = { warmupSeconds: 1, durationSeconds: 3, sliceSeconds: 1, connections: 10, pipelining: 1 };

function slice(rps: number, p99 = 2, loadCpuSeconds: number | null = 0.5): LoadResult {
  return {
    rps,
    p50_ms: 1,
    p99_ms: p99,
    requests: rps,
    errors: 0,
    timeouts: 0,
    statuses: { '200': rps },
    durationSeconds: 1,
    loadCpuSeconds,
  };
}

/** A fake `openCell` that logs every step as "<step> <scenario> <contender>" and answers `rps` per slice. */
function fakeCells(steps: string[], rps: (contender: Contender, scenario: Scenario) => number = () => 100) {
  const open: OpenCell = async (contender, scenario) => {
    const tag = `${scenario.id} ${contender.id}`;
    steps.push(`open ${tag}`);
    const slices: LoadResult[] = [];
    const cell: LiveCell = {
      warmUp: async () => void steps.push(`warm ${tag}`),
      measureSlice: async () => {
        steps.push(`slice ${tag}`);
        slices.push(slice(rps(contender, scenario)));
      },
      result: async () => combineSlices(slices, { rss_mb: 50, server_cpu: 1 }),
      stop: async () => void steps.push(`stop ${tag}`),
    };
    return cell;
  };
  return open;
}

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([null, 4, 1, null, 3, 2])).toBe(2.5);
    expect(median([null])).toBeNull();
  });
});

describe('rotate', () => {
  it('moves the first items to the end', () => {
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotate([], 2)).toEqual([]);
  });
});

describe('combineSlices', () => {
  it('counts requests over the whole time, keeps each slice, and takes the median latencies', () => {
    const numbers = combineSlices([slice(100, 5), slice(300, 9), slice(200, 7)], {
      rss_mb: 60,
      server_cpu: 0.9,
    });
    expect(numbers).toMatchObject({ rps: 200, slices: [100, 300, 200], p50_ms: 1, p99_ms: 7, requests: 600 });
    expect(numbers.statuses).toEqual({ '200': 600 });
  });

  it('gives the load generator’s CPU over the slices in cores, unknown when one slice lacks it', () => {
    const usage = { rss_mb: 60, server_cpu: 0.9 };
    expect(combineSlices([slice(100, 5, 0.9), slice(100, 5, 1.0), slice(100, 5, 0.8)], usage).load_cpu).toBe(
      0.9,
    );
    expect(combineSlices([slice(100, 5, 0.9), slice(100, 5, null)], usage).load_cpu).toBeNull();
  });
});

describe('runRounds', () => {
  it('starts every contender of a scenario, warms each up, then measures them slice by slice in turn', async () => {
    const steps: string[] = [];
    const contenders = CONTENDERS.slice(0, 3);
    const records = await runRounds(
      { scenarios: SCENARIOS.slice(0, 1), contenders, rounds: 1, settings },
      () => {},
      fakeCells(steps),
    );
    const tags = contenders.map((contender) => `plaintext ${contender.id}`);
    expect(steps.slice(0, 3)).toEqual(tags.map((tag) => `open ${tag}`));
    expect(steps.slice(3, 6)).toEqual(tags.map((tag) => `warm ${tag}`));
    // Three turns, each with one slice of every contender, then every server stopped.
    for (let turn = 0; turn < 3; turn++) {
      const slices = steps.slice(6 + turn * 3, 9 + turn * 3);
      expect([...slices].sort()).toEqual(tags.map((tag) => `slice ${tag}`).sort());
    }
    expect(steps.slice(15)).toEqual(tags.map((tag) => `stop ${tag}`));
    expect(records.map((record) => (record.ok ? record.slices : record.error))).toEqual([
      [100, 100, 100],
      [100, 100, 100],
      [100, 100, 100],
    ]);
  });

  it('changes who runs right before whom from turn to turn', async () => {
    const steps: string[] = [];
    await runRounds(
      { scenarios: SCENARIOS, contenders: CONTENDERS, rounds: 5, settings },
      () => {},
      fakeCells(steps),
    );
    const slices = steps.filter((step) => step.startsWith('slice ')).map((step) => step.split(' ')[2]);
    const before = new Map<string, Set<string>>();
    for (let i = 1; i < slices.length; i++) {
      if (slices[i] === slices[i - 1]) continue; // last of one turn, first of the next
      const seen = before.get(slices[i]!) ?? new Set();
      seen.add(slices[i - 1]!);
      before.set(slices[i]!, seen);
    }
    // Over 90 turns every contender follows each of the others at some point.
    for (const contender of CONTENDERS) expect(before.get(contender.id)?.size).toBe(CONTENDERS.length - 1);
  });

  it('orders a turn the same way for the same seed, and differently for another', () => {
    const ids = CONTENDERS.map((contender) => contender.id);
    expect(shuffle(ids, 42)).toEqual(shuffle(ids, 42));
    expect([...shuffle(ids, 42)].sort()).toEqual([...ids].sort());
    expect(new Set([1, 2, 3, 4, 5].map((seed) => shuffle(ids, seed).join())).size).toBeGreaterThan(1);
  });

  it('gives every contender every place in the order over as many rounds as there are contenders', async () => {
    // Six scenarios and six contenders: a rotation by scenario and round together would repeat each
    // scenario's order every round.
    const everyone = SCENARIOS.filter((scenario) => scenario.contenders === undefined);
    expect(everyone).toHaveLength(9);
    const records = await runRounds(
      {
        scenarios: everyone,
        contenders: CONTENDERS,
        rounds: CONTENDERS.length,
        settings: { ...settings, durationSeconds: 1 },
      },
      () => {},
      fakeCells([]),
    );
    for (const scenario of everyone) {
      for (const contender of CONTENDERS) {
        const positions = records
          .filter((record) => record.scenario === scenario.id && record.contender === contender.id)
          .map((record) => record.position);
        expect([...positions].sort()).toEqual(CONTENDERS.map((_, index) => index));
      }
    }
  });

  it('neither starts nor records a contender that does not answer a scenario', async () => {
    const steps: string[] = [];
    const session = SCENARIOS.filter((scenario) => scenario.id === 'session');
    const records = await runRounds(
      { scenarios: session, contenders: CONTENDERS, rounds: 1, settings },
      () => {},
      fakeCells(steps),
    );
    const answering = session[0]?.contenders ?? [];
    expect(answering).not.toContain('node-http');
    expect(records.map((record) => record.contender).sort()).toEqual([...answering].sort());
    expect(steps.filter((step) => step.includes('node-http') || step.includes('flagon-gateway'))).toEqual([]);
  });

  it('measures each variant right after its scenario, with its pipelining and its route table', async () => {
    const opened: string[] = [];
    const cells = fakeCells([]);
    const open: OpenCell = (contender, scenario, load, options) => {
      opened.push(`${scenario.id} ${contender.id} p${load.pipelining} ${options?.env?.BENCH_ROUTES ?? '-'}`);
      return cells(contender, scenario, load, options);
    };
    const [params, query] = ['params', 'query'].map((id) => SCENARIOS.find((s) => s.id === id)!);
    const contenders = CONTENDERS.filter((c) => ['fastify', 'hono-bun'].includes(c.id));
    const measured = measuredScenarios([params!, query!], { unpipelined: ['query'], routes: [200, 2000] });
    const records = await runRounds(
      {
        scenarios: [params!, query!],
        measured,
        contenders,
        rounds: 1,
        settings: { ...settings, pipelining: 10 },
      },
      () => {},
      open,
    );
    // Bun sits out router scale (a question for the Node contenders), not the unpipelined query.
    expect(
      opened
        .map((line) => line.replace(/ (fastify|hono-bun) /, ' * '))
        .filter((l, i, all) => all.indexOf(l) === i),
    ).toEqual(['params * p10 -', 'params * p10 2000', 'query * p10 -', 'query * p1 -']);
    expect(opened).not.toContain('params hono-bun p10 2000');
    expect(
      records.map((record) => `${record.scenario} ${record.variant ?? '-'} ${record.contender}`).sort(),
    ).toEqual([
      'params - fastify',
      'params - hono-bun',
      'params routes-2000 fastify',
      'query - fastify',
      'query - hono-bun',
      'query pipelining-1 fastify',
      'query pipelining-1 hono-bun',
    ]);
  });

  it('tries a cell that failed under load again in the next round, and keeps measuring the others', async () => {
    let slices = 0;
    const failing = fakeCells([]);
    const records = await runRounds(
      { scenarios: SCENARIOS.slice(0, 1), contenders: CONTENDERS.slice(0, 2), rounds: 2, settings },
      () => {},
      async (contender, scenario, options) => {
        const cell = await failing(contender, scenario, options);
        if (contender !== CONTENDERS[0]) return cell;
        return {
          ...cell,
          measureSlice: async () => {
            if (++slices === 2) throw new MeasurementError('unexpected statuses 500×3', 'load');
            await cell.measureSlice();
          },
        };
      },
    );
    const summary = (record: RoundRecord) =>
      `${record.round} ${record.contender} ${record.ok ? record.slices.length : record.error}`;
    expect(records.map(summary)).toEqual([
      `1 ${CONTENDERS[0]!.id} unexpected statuses 500×3`,
      `1 ${CONTENDERS[1]!.id} 3`,
      `2 ${CONTENDERS[1]!.id} 3`,
      `2 ${CONTENDERS[0]!.id} 3`,
    ]);
  });

  it('drops a contender that did not start, and a wrong answer only from its scenario', async () => {
    const lines: string[] = [];
    const steps: string[] = [];
    const fake = fakeCells(steps);
    const records = await runRounds(
      { scenarios: SCENARIOS.slice(0, 2), contenders: CONTENDERS.slice(0, 3), rounds: 2, settings },
      (line) => lines.push(line),
      async (contender, scenario, options) => {
        if (contender.id === 'flagon') throw new MeasurementError('flagon: exited before listening', 'start');
        if (contender.id === 'node-http' && scenario.id === 'plaintext') {
          throw new MeasurementError('wrong answer: status 500, expected 200', 'answer');
        }
        return fake(contender, scenario, options);
      },
    );
    const of = (contender: string, scenario: string) =>
      records.filter((record) => record.contender === contender && record.scenario === scenario);
    const errors = (list: RoundRecord[]) => list.map((record) => (record.ok ? 'ok' : record.error));

    expect(errors(records.filter((record) => record.contender === 'flagon'))).toEqual([
      'flagon: exited before listening',
      'skipped after an earlier failure',
      'skipped after an earlier failure',
      'skipped after an earlier failure',
    ]);
    expect(errors(of('node-http', 'plaintext'))).toEqual([
      'wrong answer: status 500, expected 200',
      'skipped after an earlier failure',
    ]);
    expect(errors(of('node-http', 'json'))).toEqual(['ok', 'ok']);
    expect(lines.some((line) => line.includes('plaintext node-http: FAILED wrong answer'))).toBe(true);
    // Every server started was stopped.
    expect(steps.filter((step) => step.startsWith('open')).length).toBe(
      steps.filter((step) => step.startsWith('stop')).length,
    );
  });
});
