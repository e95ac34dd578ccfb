/**
 * The schedule of a run. For each round and scenario every contender's server is started and warmed
 * up, then the contenders take turns under load in short slices: slice 1 of each, slice 2 of each, and
 * so on, in an order shuffled anew for each turn. Slices of the
 * same cycle run seconds apart, so a phase where the machine runs slow (seen here: every server up to
 * 2× slower for seconds to a minute) falls on all contenders alike instead of on whoever ran then.
 */
import type { Contender, ContenderId } from './contenders.js';
import {
  type LiveCell,
  type LoadSettings,
  type MeasuredNumbers,
  MeasurementError,
  type OpenCell,
  openCell,
  sliceCount,
} from './measurement.js';
import type { Scenario, ScenarioId } from './scenarios.js';
import { type MeasuredScenario, measuredName, measures, variantEnv, variantSettings } from './variants.js';

/** One raw measurement as kept in `latest.json`: where it ran in the schedule, and what it gave. */
export type RoundRecord = {
  readonly round: number;
  readonly scenario: ScenarioId;
  readonly contender: ContenderId;
  /** Position of the contender in this scenario's warm-up order within the round (0 = first). */
  readonly position: number;
  /** The variant measured (`variants.ts`: `pipelining-1`, `routes-2000`); absent for the scenario itself. */
  readonly variant?: string;
} & (({ readonly ok: true } & MeasuredNumbers) | { readonly ok: false; readonly error: string });

export interface RoundsPlan {
  readonly scenarios: readonly Scenario[];
  /** The scenarios with their variants, in the order measured; by default `scenarios` alone. */
  readonly measured?: readonly MeasuredScenario[];
  readonly contenders: readonly Contender[];
  readonly rounds: number;
  readonly settings: LoadSettings;
}

/** The error of a record not measured because the same cell (or contender) failed before. */
export const SKIPPED = 'skipped after an earlier failure';

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
 * `items` in an order drawn from `seed` (the same seed, the same order). Slices are taken in such an
 * order, new each turn: rotating keeps each contender right after the same neighbour, and a server
 * that is slow to go quiet after its load (Express) would then always weigh on the same one.
 *
 * @example
 * ```ts
 * shuffle(['a', 'b', 'c'], 7); // e.g. ["c", "a", "b"]
 * ```
 */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  // mulberry32: a small, well-mixed PRNG, enough for a schedule.
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

/** A contender of the scenario being measured: its place in the schedule, its server, or its failure. */
interface Entry {
  readonly contender: Contender;
  readonly position: number;
  cell?: LiveCell;
  failure?: unknown;
}

/**
 * Runs the plan and returns every measurement, by round and scenario. A contender that does not start
 * is left out of the rest of the run; one that answers wrongly is left out of that scenario; one that
 * fails under load is tried again next round. All stay in the records with their error, so the report
 * can say why a cell is empty or has fewer rounds.
 *
 * @example
 * ```ts
 * const records = await runRounds({ scenarios, contenders, rounds: 5, settings }, console.error);
 * ```
 */
export async function runRounds(
  plan: RoundsPlan,
  log: (line: string) => void,
  open: OpenCell = openCell,
): Promise<RoundRecord[]> {
  const records: RoundRecord[] = [];
  const broken = new Set<string>();
  const schedule: readonly MeasuredScenario[] =
    plan.measured ?? plan.scenarios.map((scenario) => ({ scenario }));
  const total =
    plan.rounds *
    schedule.reduce(
      (cells, measured) =>
        cells + plan.contenders.filter((contender) => measures(contender, measured)).length,
      0,
    );
  for (let round = 1; round <= plan.rounds; round++) {
    for (const [scenarioIndex, measured] of schedule.entries()) {
      const { scenario, variant } = measured;
      const name = measuredName(measured);
      const settings = variantSettings(plan.settings, variant);
      const slices = sliceCount(settings);
      // Rotating by one per round and scenario: with as many slots as contenders, each goes first in turn.
      const shift = round - 1 + scenarioIndex;
      const contenders = plan.contenders.filter((contender) => measures(contender, measured));
      const entries: Entry[] = rotate(contenders, shift).map((contender, position) => ({
        contender,
        position,
      }));
      const skipped = (entry: Entry) =>
        broken.has(entry.contender.id) || broken.has(`${entry.contender.id} ${name}`);

      // Start them all first: a process starting (and compiling) would slow whoever is under load.
      for (const entry of entries) {
        if (skipped(entry)) continue;
        entry.cell = await open(entry.contender, scenario, settings, { env: variantEnv(variant) }).catch(
          (error: unknown) => {
            entry.failure = error;
            return undefined;
          },
        );
      }
      const live = () => entries.filter((entry) => entry.cell !== undefined && entry.failure === undefined);
      for (const entry of live()) await attempt(entry, () => entry.cell!.warmUp());
      for (let slice = 0; slice < slices; slice++) {
        const order = shuffle(live(), round * 10_000 + scenarioIndex * 100 + slice);
        for (const entry of order) await attempt(entry, () => entry.cell!.measureSlice());
      }

      for (const entry of entries) {
        const where = {
          round,
          scenario: scenario.id,
          contender: entry.contender.id,
          position: entry.position,
          ...(variant === undefined ? {} : { variant: variant.key }),
        };
        const label = `[${records.length + 1}/${total}] round ${round} ${name} ${entry.contender.id}`;
        if (skipped(entry)) {
          records.push({ ...where, ok: false, error: SKIPPED });
          log(`${label}: ${SKIPPED}`);
          continue;
        }
        if (entry.failure === undefined && entry.cell !== undefined) {
          const numbers = await entry.cell.result();
          records.push({ ...where, ok: true, ...numbers });
          log(`${label}: ${describe(numbers)}`);
        } else {
          const message = failureMessage(entry.failure);
          records.push({ ...where, ok: false, error: message });
          log(`${label}: FAILED ${message}`);
          const stage = entry.failure instanceof MeasurementError ? entry.failure.stage : 'load';
          if (stage === 'start') broken.add(entry.contender.id);
          if (stage === 'answer') broken.add(`${entry.contender.id} ${name}`);
        }
        await entry.cell?.stop();
      }
    }
  }
  return records;
}

/**
 * Runs one step of a contender's measurement; a failure (kept on the entry) takes it out of the rest of
 * this scenario.
 *
 * @example
 * ```ts
 * await attempt(entry, () => entry.cell!.warmUp()); // entry.failure is set if it threw
 * ```
 */
export async function attempt(entry: { failure?: unknown }, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    entry.failure = error;
  }
}

function describe(numbers: MeasuredNumbers): string {
  const rss = numbers.rss_mb === null ? '?' : numbers.rss_mb.toFixed(0);
  const cpu = numbers.server_cpu === null ? '' : `, server cpu ${numbers.server_cpu.toFixed(2)}`;
  const loadCpu = numbers.load_cpu === null ? '' : `, load cpu ${numbers.load_cpu.toFixed(2)}`;
  const slices = numbers.slices.map((rps) => Math.round(rps).toLocaleString('en')).join(' / ');
  return `${Math.round(numbers.rps).toLocaleString('en')} req/s (slices ${slices}), p50 ${numbers.p50_ms ?? '?'} ms, p99 ${numbers.p99_ms ?? '?'} ms, peak rss ${rss} MiB${cpu}${loadCpu}`;
}

/** The text kept in a record for a failed measurement. */
export function failureMessage(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}
