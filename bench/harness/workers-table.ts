/**
 * The worker table (`pnpm bench --workers`): the reference server running the Flagon bench app through
 * its real CLI with `--workers 1` and `--workers 2`, against the same app in one process (`flagon`), Node's
 * own `node:cluster` with 2 workers running the bare `node:http` handler, and bare `node:http` in one
 * process (the limit). Three scenarios, not all eleven: what changes with processes is how the load is
 * spread, not the per-request work the main table already compares; plaintext and JSON show the
 * spreading at its cheapest, the validated query a request with real work in it.
 */
import type { ContenderId } from './contenders.js';
import { type BenchResults, pairedRatio } from './results.js';
import type { ScenarioId } from './scenarios.js';

export const WORKER_TABLE_SCENARIOS: readonly ScenarioId[] = ['plaintext', 'json', 'query'];
export const WORKER_TABLE_CONTENDERS: readonly ContenderId[] = [
  'node-http',
  'node-cluster',
  'flagon',
  'flagon-workers-1',
  'flagon-workers-2',
];

/** The two ratios of the worker table, per scenario and contender (slice-paired, as every ratio). */
export interface WorkerRatios {
  /** Against the same Flagon app in one process, no supervisor. */
  readonly vs_flagon: number | null;
  /** Against `node:cluster` with 2 workers running bare `node:http`. */
  readonly vs_node_cluster: number | null;
}

/** A worker-table run: the usual results, with the two ratios of the table. */
export interface WorkerTableResults extends BenchResults {
  readonly kind: 'workers';
  readonly worker_ratios: Readonly<Record<string, Readonly<Record<string, WorkerRatios>>>>;
}

/**
 * `results` of a `--workers` run with the table's ratios added: each measured contender against the
 * single-process Flagon and against `node:cluster`, slice by slice within a turn.
 *
 * @example
 * ```ts
 * const table = withWorkerRatios(summarize(records, run));
 * table.worker_ratios.json?.['flagon-workers-2']?.vs_flagon; // e.g. 1.6
 * ```
 */
export function withWorkerRatios(results: BenchResults): WorkerTableResults {
  const ratios: Record<string, Record<string, WorkerRatios>> = {};
  for (const scenario of results.scenarios) {
    const recordsOf = (id: string) =>
      results.rounds.filter((record) => record.scenario === scenario.id && record.contender === id);
    const cells: Record<string, WorkerRatios> = {};
    for (const contender of results.contenders) {
      const cell = results.results[scenario.id]?.[contender.id];
      if (cell === undefined || 'error' in cell) continue;
      const own = recordsOf(contender.id);
      cells[contender.id] = {
        vs_flagon: pairedRatio(own, recordsOf('flagon')),
        vs_node_cluster: pairedRatio(own, recordsOf('node-cluster')),
      };
    }
    ratios[scenario.id] = cells;
  }
  return { ...results, kind: 'workers', worker_ratios: ratios };
}
