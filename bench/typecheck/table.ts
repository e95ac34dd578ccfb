/** The type-check benchmark's results as the markdown table docs/benchmarks.md shows. */
import type { CheckCost } from './measure.js';
import type { Framework } from './sources.js';

/** One measured project. */
export interface CheckRow {
  readonly framework: Framework;
  readonly routes: number;
  readonly cost: CheckCost;
}

/**
 * A markdown table, one line per route count: each framework's check time, instantiations and memory,
 * and Flagon's check time over Hono's.
 *
 * @example
 * ```ts
 * typeCheckTable(rows); // '| routes | Flagon check | ... |\n|---|...'
 * ```
 */
export function typeCheckTable(rows: readonly CheckRow[]): string {
  const counts = [...new Set(rows.map((row) => row.routes))].sort((a, b) => a - b);
  const lines = [
    '| routes | Flagon check (s) | Hono check (s) | Flagon / Hono | Flagon instantiations | Hono instantiations | Flagon memory (MiB) | Hono memory (MiB) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const routes of counts) {
    const of = (framework: Framework) =>
      rows.find((row) => row.routes === routes && row.framework === framework)?.cost;
    const flagon = of('flagon');
    const hono = of('hono');
    const cell = (value: number | undefined, digits = 2) =>
      value === undefined ? '–' : value.toFixed(digits);
    const ratio = flagon && hono ? `${(flagon.checkSeconds / hono.checkSeconds).toFixed(2)}×` : '–';
    lines.push(
      `| ${routes.toLocaleString('en-US')} | ${cell(flagon?.checkSeconds)} | ${cell(hono?.checkSeconds)} | ${ratio} | ${cell(flagon?.instantiations, 0)} | ${cell(hono?.instantiations, 0)} | ${cell(flagon?.memoryMiB, 0)} | ${cell(hono?.memoryMiB, 0)} |`,
    );
  }
  return lines.join('\n');
}
