import { describe, expect, it } from 'vitest';
import { CONTENDERS, type Contender } from '../harness/contenders.js';
import { type MeasuredNumbers, MeasurementError } from '../harness/measurement.js';
import { type RoundRecord, rotate, runRounds } from '../harness/rounds.js';
import { SCENARIOS, type Scenario } from '../harness/scenarios.js';
import { median } from '../harness/statistics.js';

const settings = { warmupSeconds: 1, durationSeconds: 1, connections: 10, pipelining: 1 };

function numbers(rps: number): MeasuredNumbers {
  return {
    rps,
    p50_ms: 1,
    p99_ms: 2,
    rss_mb: 50,
    server_cpu: 1,
    requests: rps,
    errors: 0,
    timeouts: 0,
    statuses: {},
  };
}

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('rotate', () => {
  it('moves the first items to the end', () => {
    expect(rotate(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotate(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotate([], 2)).toEqual([]);
  });
});

describe('runRounds', () => {
  it('measures every scenario on every contender in each round, rotating who goes first', async () => {
    const calls: string[] = [];
    const records = await runRounds(
      { scenarios: SCENARIOS.slice(0, 2), contenders: CONTENDERS, rounds: 3, settings },
      () => {},
      async (contender: Contender, scenario: Scenario) => {
        calls.push(`${scenario.id} ${contender.id}`);
        return numbers(100);
      },
    );
    expect(records).toHaveLength(3 * 2 * CONTENDERS.length);
    expect(new Set(calls).size).toBe(2 * CONTENDERS.length);
    // 3 rounds × 2 scenarios = 6 slots: each of the 6 contenders goes first exactly once.
    const firsts = records.filter((record) => record.position === 0).map((record) => record.contender);
    expect([...firsts].sort()).toEqual(CONTENDERS.map((contender) => contender.id).sort());
    expect(records.every((record) => record.ok)).toBe(true);
  });

  it('tries a cell that failed under load again in the next round', async () => {
    let calls = 0;
    const records = await runRounds(
      { scenarios: SCENARIOS.slice(0, 1), contenders: CONTENDERS.slice(0, 1), rounds: 2, settings },
      () => {},
      async () => {
        calls++;
        if (calls === 1) throw new MeasurementError('unexpected statuses 500×3', 'load');
        return numbers(100);
      },
    );
    expect(records.map((record) => (record.ok ? 'ok' : record.error))).toEqual([
      'unexpected statuses 500×3',
      'ok',
    ]);
  });

  it('drops a contender that did not start, and a wrong answer only from its scenario', async () => {
    const lines: string[] = [];
    const records = await runRounds(
      { scenarios: SCENARIOS.slice(0, 2), contenders: CONTENDERS.slice(0, 3), rounds: 2, settings },
      (line) => lines.push(line),
      async (contender, scenario) => {
        if (contender.id === 'flagon') throw new MeasurementError('flagon: exited before listening', 'start');
        if (contender.id === 'node-http' && scenario.id === 'plaintext') {
          throw new MeasurementError('wrong answer: status 500, expected 200', 'answer');
        }
        return numbers(100);
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
  });
});
