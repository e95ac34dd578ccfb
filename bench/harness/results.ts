/**
 * The results file (`bench/results/latest.json`): the raw rounds, and per scenario and contender the
 * medians over the rounds with ratios to bare `node:http` and to Fastify, plus what they depend on.
 */
import { BASELINES, type Contender, type ContenderId } from './contenders.js';
import type { MachineInfo } from './environment.js';
import type { LoadSettings } from './measurement.js';
import type { BenchMode } from './options.js';
import { type RoundRecord, SKIPPED } from './rounds.js';
import type { Scenario } from './scenarios.js';
import { median, roundTo } from './statistics.js';

/** The medians of one contender on one scenario. `vs_*` are requests/s ratios (1.0 = as fast). */
export interface CellSummary {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly rss_mb: number | null;
  readonly server_cpu: number | null;
  /** How many rounds measured this cell. */
  readonly rounds: number;
  readonly vs_node_http: number | null;
  readonly vs_fastify: number | null;
}

/** A cell no round could measure, with the last error. */
export interface CellFailure {
  readonly error: string;
}

export interface BenchResults {
  readonly schema_version: 1;
  readonly date: string;
  readonly mode: BenchMode;
  readonly settings: LoadSettings & { readonly rounds: number };
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
}

/** What the run was, besides its measurements. */
export type RunContext = Omit<
  BenchResults,
  'schema_version' | 'results' | 'rounds' | 'scenarios' | 'contenders'
>;

function medianOf(
  records: readonly (RoundRecord & { ok: true })[],
  pick: (r: RoundRecord & { ok: true }) => number | null,
) {
  return median(records.map(pick).filter((value): value is number => value !== null));
}

function summarizeCell(
  records: readonly RoundRecord[],
): Omit<CellSummary, 'vs_node_http' | 'vs_fastify'> | CellFailure {
  const measured = records.filter((record): record is RoundRecord & { ok: true } => record.ok);
  if (measured.length === 0) {
    // The first real error says why; later rounds only say they were skipped because of it.
    const failure = records.find((record) => !record.ok && record.error !== SKIPPED);
    return { error: failure && !failure.ok ? failure.error : 'not measured' };
  }
  const rss = medianOf(measured, (r) => r.rss_mb);
  const cpu = medianOf(measured, (r) => r.server_cpu);
  return {
    rps: Math.round(medianOf(measured, (r) => r.rps) ?? 0),
    p50_ms: medianOf(measured, (r) => r.p50_ms) ?? 0,
    p99_ms: medianOf(measured, (r) => r.p99_ms) ?? 0,
    rss_mb: rss === null ? null : roundTo(rss, 1),
    server_cpu: cpu === null ? null : roundTo(cpu, 2),
    rounds: measured.length,
  };
}

/**
 * Builds the results file from the raw records: medians per cell, then ratios to the baselines.
 *
 * @example
 * ```ts
 * const results = summarize(records, { scenarios, contenders, context });
 * results.results.json?.fastify; // { rps: 41234, p50_ms: 2, ..., vs_node_http: 0.82, vs_fastify: 1 }
 * ```
 */
export function summarize(
  records: readonly RoundRecord[],
  run: { scenarios: readonly Scenario[]; contenders: readonly Contender[]; context: RunContext },
): BenchResults {
  const results: Record<string, Record<string, CellSummary | CellFailure>> = {};
  for (const scenario of run.scenarios) {
    const cells: Record<string, ReturnType<typeof summarizeCell>> = {};
    for (const contender of run.contenders) {
      cells[contender.id] = summarizeCell(
        records.filter((record) => record.scenario === scenario.id && record.contender === contender.id),
      );
    }
    const rpsOf = (id: ContenderId) => {
      const cell = cells[id];
      return cell && 'rps' in cell && cell.rps > 0 ? cell.rps : null;
    };
    const limit = rpsOf(BASELINES.limit);
    const framework = rpsOf(BASELINES.framework);
    results[scenario.id] = Object.fromEntries(
      Object.entries(cells).map(([id, cell]) => [
        id,
        'error' in cell
          ? cell
          : {
              ...cell,
              vs_node_http: limit === null ? null : roundTo(cell.rps / limit, 3),
              vs_fastify: framework === null ? null : roundTo(cell.rps / framework, 3),
            },
      ]),
    );
  }
  return {
    schema_version: 1,
    ...run.context,
    scenarios: run.scenarios.map(({ id, title, description }) => ({ id, title, description })),
    contenders: run.contenders.map(({ id, label }) => ({ id, label })),
    results,
    rounds: records,
  };
}
