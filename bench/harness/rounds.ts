/**
 * The schedule of a run: in each round every scenario is served by every contender, the contenders'
 * order rotating from one scenario and round to the next, so none always runs first or right after
 * the same neighbour (thermal state, page cache and the like even out over the rounds).
 */
import type { Contender, ContenderId } from './contenders.js';
import { type LoadSettings, type MeasuredNumbers, MeasurementError, measure } from './measurement.js';
import type { Scenario, ScenarioId } from './scenarios.js';
import { roundTo } from './statistics.js';

/** One raw measurement as kept in `latest.json`: where it ran in the schedule, and what it gave. */
export type RoundRecord = {
  readonly round: number;
  readonly scenario: ScenarioId;
  readonly contender: ContenderId;
  /** Position of the contender in this scenario's order within the round (0 = first). */
  readonly position: number;
  /** Wall-clock seconds the measurement took, server start and stop included (absent when skipped). */
  readonly seconds?: number;
} & (({ readonly ok: true } & MeasuredNumbers) | { readonly ok: false; readonly error: string });

export interface RoundsPlan {
  readonly scenarios: readonly Scenario[];
  readonly contenders: readonly Contender[];
  readonly rounds: number;
  readonly settings: LoadSettings;
}

/** The error of a record not measured because the same cell (or contender) failed before. */
export const SKIPPED = 'skipped after an earlier failure';

/** Measures one cell; replaced in tests. */
export type Measure = (
  contender: Contender,
  scenario: Scenario,
  settings: LoadSettings,
) => Promise<MeasuredNumbers>;

/**
 * `items` rotated left by `by` places.
 *
 * @example
 * ```ts
 * rotate(['a', 'b', 'c'], 1); // ["b", "c", "a"]
 * ```
 */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = ((by % items.length) + items.length) % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * Runs the plan and returns every measurement in the order taken. A contender that does not start is
 * left out of the rest of the run; one that answers wrongly is left out of that scenario; one that fails
 * under load is tried again next round. All stay in the records with their error, so the report can say
 * why a cell is empty or has fewer rounds.
 *
 * @example
 * ```ts
 * const records = await runRounds(plan, (line) => console.error(line));
 * ```
 */
export async function runRounds(
  plan: RoundsPlan,
  log: (line: string) => void,
  measureCell: Measure = measure,
): Promise<RoundRecord[]> {
  const records: RoundRecord[] = [];
  const broken = new Set<string>();
  const total = plan.rounds * plan.scenarios.length * plan.contenders.length;
  for (let round = 1; round <= plan.rounds; round++) {
    for (const [scenarioIndex, scenario] of plan.scenarios.entries()) {
      // Every (round, scenario) slot starts with the next contender, so each goes first equally often.
      const order = rotate(plan.contenders, (round - 1) * plan.scenarios.length + scenarioIndex);
      for (const [position, contender] of order.entries()) {
        const where = { round, scenario: scenario.id, contender: contender.id, position };
        const label = `[${records.length + 1}/${total}] round ${round} ${scenario.id} ${contender.id}`;
        if (broken.has(contender.id) || broken.has(`${contender.id} ${scenario.id}`)) {
          records.push({ ...where, ok: false, error: SKIPPED });
          log(`${label}: ${SKIPPED}`);
          continue;
        }
        const startedAt = performance.now();
        const seconds = () => roundTo((performance.now() - startedAt) / 1000, 1);
        try {
          const numbers = await measureCell(contender, scenario, plan.settings);
          records.push({ ...where, ok: true, ...numbers, seconds: seconds() });
          log(`${label}: ${describe(numbers)}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          records.push({ ...where, ok: false, error: message, seconds: seconds() });
          log(`${label}: FAILED ${message}`);
          // Not starting and answering wrongly will not change; a failure under load may be a hiccup.
          const stage = error instanceof MeasurementError ? error.stage : 'load';
          if (stage === 'start') broken.add(contender.id);
          if (stage === 'answer') broken.add(`${contender.id} ${scenario.id}`);
        }
      }
    }
  }
  return records;
}

function describe(numbers: MeasuredNumbers): string {
  const rss = numbers.rss_mb === null ? '?' : numbers.rss_mb.toFixed(0);
  const cpu = numbers.server_cpu === null ? '' : `, server cpu ${numbers.server_cpu.toFixed(2)}`;
  return `${Math.round(numbers.rps).toLocaleString('en')} req/s, p50 ${numbers.p50_ms} ms, p99 ${numbers.p99_ms} ms, peak rss ${rss} MiB${cpu}`;
}
