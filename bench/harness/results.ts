/**
 * The results file (`bench/results/latest.json`): the raw rounds with their slices, and per scenario and
 * contender the medians with ratios to bare `node:http` and to Fastify, plus what they depend on.
 */
import { BASELINES, type Contender, type ContenderId } from './contenders.js';
import type { MachineInfo } from './environment.js';
import type { LoadSettings } from './measurement.js';
import type { BenchMode, LoadGenerator } from './options.js';
import { type RoundRecord, SKIPPED } from './rounds.js';
import { answers, type Scenario } from './scenarios.js';
import { median, roundTo } from './statistics.js';

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
  readonly results: Readonly<Record<string, Readonly<Record<string, CellSummary | CellFailure>>>>;
  readonly rounds: readonly RoundRecord[];
  /**
   * Later runs of some scenarios folded in with `--merge` (`merge-results.ts`): their cells and rounds
   * replaced those scenarios' own, and each says when and how it ran. Absent when there were none.
   */
  readonly merged?: readonly MergedRun[];
}

/** A run of some scenarios folded into the published results: what it covered, when and how it ran. */
export type MergedRun = Pick<
  BenchResults,
  'date' | 'mode' | 'settings' | 'pinning' | 'machine' | 'versions' | 'elapsed_seconds'
> & { readonly scenarios: readonly string[] };

/** What the run was, besides its measurements. */
export type RunContext = Omit<
  BenchResults,
  'schema_version' | 'results' | 'rounds' | 'scenarios' | 'contenders'
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

export function summarize(
  records: readonly RoundRecord[],
  run: { scenarios: readonly Scenario[]; contenders: readonly Contender[]; context: RunContext },
): BenchResults {
  const results: Record<string, Record<string, CellSummary | CellFailure>> = {};
  for (const scenario of run.scenarios) {
    const cells: Record<string, ReturnType<typeof summarizeCell>> = {};
    for (const contender of run.contenders) {
      if (!answers(contender.id, scenario)) continue;
      cells[contender.id] = summarizeCell(
        records.filter((record) => record.scenario === scenario.id && record.contender === contender.id),
      );
    }
    const recordsOf = (id: ContenderId) =>
      records.filter((record) => record.scenario === scenario.id && record.contender === id);
    results[scenario.id] = Object.fromEntries(
      Object.entries(cells).map(([id, cell]) => {
        if ('error' in cell) return [id, cell];
        const own = recordsOf(id as ContenderId);
        const rival = run.contenders.find((contender) => contender.id === id)?.rival;
        return [
          id,
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
  return {
    schema_version: 2,
    ...run.context,
    scenarios: run.scenarios.map(({ id, title, description }) => ({ id, title, description })),
    contenders: run.contenders.map(({ id, label }) => ({ id, label })),
    results,
    rounds: records,
  };
}
