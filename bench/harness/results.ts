/**
 * The results file (`bench/results/latest.json`): the raw rounds with their slices, and per scenario and
 * contender the medians with ratios to bare `node:http` and to Fastify, plus what they depend on.
 */
import { BASELINES, type Contender, type ContenderId } from './contenders.js';
import type { MachineInfo } from './environment.js';
import type { LoadSettings } from './measurement.js';
import type { BenchMode, LoadGenerator } from './options.js';
import { type RoundRecord, SKIPPED } from './rounds.js';
import type { Scenario } from './scenarios.js';
import { median, roundTo } from './statistics.js';
import { type LoadVariant, type MeasuredScenario, measures } from './variants.js';

/**
 * One contender on one scenario: `rps` is the median slice, latencies, RSS and CPU the medians of the
 * rounds. `vs_*` are the medians of the slice-by-slice requests/s ratios within a cycle (1.0 = as fast).
 */
export interface CellSummary {
  readonly rps: number;
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  readonly rss_mb: number | null;
  readonly server_cpu: number | null;
  readonly load_cpu: number | null;
  /** How many rounds measured this cell. */
  readonly rounds: number;
  /** How many slices those rounds measured. */
  readonly slices: number;
  readonly vs_node_http: number | null;
  readonly vs_fastify: number | null;
  /** Against the contender on the same runtime and server (`Contender.rival`), when it has one. */
  readonly vs_rival?: number | null;
}

/** A cell no round could measure, with the last error. */
export interface CellFailure {
  readonly error: string;
}

export interface BenchResults {
  readonly schema_version: 2;
  readonly date: string;
  readonly mode: BenchMode;
  readonly settings: LoadSettings & {
    readonly rounds: number;
    /** Missing in results written before wrk could send the load: autocannon. */
    readonly load_generator?: LoadGenerator;
  };
  /** Cores the server and the load ran on, or `null` when processes ran unpinned (and why). */
  readonly pinning:
    | { readonly server_core: number; readonly load_core: number }
    | { readonly unpinned: string };
  readonly machine: MachineInfo;
  readonly versions: Readonly<Record<string, string>>;
  /** Wall-clock time of the whole run. */
  readonly elapsed_seconds: number;
  readonly scenarios: ReadonlyArray<Pick<Scenario, 'id' | 'title' | 'description'>>;
  readonly contenders: ReadonlyArray<Pick<Contender, 'id' | 'label'>>;
  readonly results: ScenarioCells;
  /**
   * Variants measured in the same run (`variants.ts`), by key: pipelining 1, other route counts. Absent
   * in results written before there were any, or when the run measured none.
   */
  readonly variants?: Readonly<Record<string, VariantResults>>;
  readonly rounds: readonly RoundRecord[];
  /**
   * Later runs of some scenarios folded in with `--merge` (`merge-results.ts`): their cells and rounds
   * replaced those scenarios' own, and each says when and how it ran. Absent when there were none.
   */
  readonly merged?: readonly MergedRun[];
}

/** Per scenario id, per contender id, its cell. */
export type ScenarioCells = Readonly<Record<string, Readonly<Record<string, CellSummary | CellFailure>>>>;

/** A variant's settings and its cells, per scenario measured in that variant. */
export type VariantResults = Omit<LoadVariant, 'key'> & { readonly results: ScenarioCells };

/** A run of some scenarios folded into the published results: what it covered, when and how it ran. */
export type MergedRun = Pick<
  BenchResults,
  'date' | 'mode' | 'settings' | 'pinning' | 'machine' | 'versions' | 'elapsed_seconds'
> & {
  readonly scenarios: readonly string[];
  /** The variants it measured too: key → scenario ids; absent when none. */
  readonly variants?: Readonly<Record<string, readonly string[]>>;
};

/** What the run was, besides its measurements. */
export type RunContext = Omit<
  BenchResults,
  'schema_version' | 'results' | 'variants' | 'rounds' | 'scenarios' | 'contenders'
>;

type Measured = RoundRecord & { ok: true };

function medianOf(records: readonly Measured[], pick: (r: Measured) => number | null) {
  return median(records.map(pick));
}

// Medians of two rounds average them: keep the milliseconds readable.
const roundedOrNull = (value: number | null) => (value === null ? null : roundTo(value, 2));

function summarizeCell(
  records: readonly RoundRecord[],
): Omit<CellSummary, 'vs_node_http' | 'vs_fastify'> | CellFailure {
  const measured = records.filter((record): record is Measured => record.ok);
  if (measured.length === 0) {
    // The first real error says why; later rounds only say they were skipped because of it.
    const failure = records.find((record) => !record.ok && record.error !== SKIPPED);
    return { error: failure && !failure.ok ? failure.error : 'not measured' };
  }
  const rss = medianOf(measured, (r) => r.rss_mb);
  const cpu = medianOf(measured, (r) => r.server_cpu);
  const loadCpu = medianOf(measured, (r) => r.load_cpu);
  // The median slice, so a slow phase that caught a few slices does not move the number.
  const slices = measured.flatMap((r) => (r.slices.length > 0 ? r.slices : [r.rps]));
  return {
    rps: Math.round(median(slices) ?? 0),
    p50_ms: roundedOrNull(medianOf(measured, (r) => r.p50_ms)),
    p99_ms: roundedOrNull(medianOf(measured, (r) => r.p99_ms)),
    rss_mb: rss === null ? null : roundTo(rss, 1),
    server_cpu: cpu === null ? null : roundTo(cpu, 2),
    load_cpu: loadCpu === null ? null : roundTo(loadCpu, 2),
    rounds: measured.length,
    slices: slices.length,
  };
}

/** A measurement taken in slices, each paired with the other contenders' slice of the same cycle. */
export type SlicedRecord = { readonly round: number } & (
  | { readonly ok: true; readonly slices: readonly number[] }
  | { readonly ok: false }
);

/**
 * The median over every cycle of `of`'s slice divided by `base`'s slice of the same cycle: each pair ran
 * seconds apart, so the ratio holds even when the machine's speed drifted between cycles.
 *
 * @example
 * ```ts
 * pairedRatio(flagonRecords, fastifyRecords); // 1.04
 * ```
 */
export function pairedRatio(of: readonly SlicedRecord[], base: readonly SlicedRecord[]): number | null {
  const ratios: number[] = [];
  for (const record of of) {
    if (!record.ok) continue;
    const other = base.find((candidate) => candidate.round === record.round);
    if (other === undefined || !other.ok) continue;
    const count = Math.min(record.slices.length, other.slices.length);
    for (let k = 0; k < count; k++) {
      const baseRps = other.slices[k]!;
      if (baseRps > 0) ratios.push(record.slices[k]! / baseRps);
    }
  }
  const ratio = median(ratios);
  return ratio === null ? null : roundTo(ratio, 3);
}

/** The cells of one scenario (or one variant of it) from its records, with the slice-paired ratios. */
function summarizeScenario(
  records: readonly RoundRecord[],
  scenario: Scenario,
  contenders: readonly Contender[],
): Record<string, CellSummary | CellFailure> {
  const recordsOf = (id: ContenderId) =>
    records.filter((record) => record.scenario === scenario.id && record.contender === id);
  return Object.fromEntries(
    contenders.map((contender) => {
      const cell = summarizeCell(recordsOf(contender.id));
      if ('error' in cell) return [contender.id, cell];
      const own = recordsOf(contender.id);
      const { rival } = contender;
      return [
        contender.id,
        {
          ...cell,
          vs_node_http: pairedRatio(own, recordsOf(BASELINES.limit)),
          vs_fastify: pairedRatio(own, recordsOf(BASELINES.framework)),
          ...(rival === undefined ? {} : { vs_rival: pairedRatio(own, recordsOf(rival)) }),
        },
      ];
    }),
  );
}

/**
 * The results file of a run: per scenario (and per variant measured, see `variants.ts`) and contender
 * the median slice and the slice-paired ratios, with the raw rounds and what the run depended on.
 *
 * @example
 * ```ts
 * const results = summarize(records, { scenarios, contenders, context });
 * results.results.json?.flagon; // { rps: 52000, vs_fastify: 0.98, ... }
 * ```
 */
export function summarize(
  records: readonly RoundRecord[],
  run: {
    scenarios: readonly Scenario[];
    contenders: readonly Contender[];
    context: RunContext;
    /** The scenarios with their variants as measured; by default the scenarios alone. */
    measured?: readonly MeasuredScenario[];
  },
): BenchResults {
  const results: Record<string, Record<string, CellSummary | CellFailure>> = {};
  const variants: Record<string, Omit<LoadVariant, 'key'> & { results: Record<string, unknown> }> = {};
  const schedule: readonly MeasuredScenario[] =
    run.measured ?? run.scenarios.map((scenario) => ({ scenario }));
  for (const measured of schedule) {
    const { scenario, variant } = measured;
    const contenders = run.contenders.filter((contender) => measures(contender, measured));
    const own = records.filter((record) => record.variant === variant?.key);
    const cells = summarizeScenario(own, scenario, contenders);
    if (variant === undefined) {
      results[scenario.id] = cells;
      continue;
    }
    const { key, ...settings } = variant;
    const entry = variants[key] ?? { ...settings, results: {} };
    entry.results[scenario.id] = cells;
    variants[key] = entry;
  }
  return {
    schema_version: 2,
    ...run.context,
    scenarios: run.scenarios.map(({ id, title, description }) => ({ id, title, description })),
    contenders: run.contenders.map(({ id, label }) => ({ id, label })),
    results,
    ...(Object.keys(variants).length === 0 ? {} : { variants: variants as Record<string, VariantResults> }),
    rounds: records,
  };
}
