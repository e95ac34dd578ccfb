/**
 * The router-scale table of the generated report: the param scenario over the socket with 10, 200 and
 * 2,000 registered routes (`pnpm bench --scenario params --routes 10,200,2000`), one row per contender.
 */
import { ROUTE_COUNT } from '../app/route-table.js';
import type { BenchResults, CellFailure, CellSummary } from './results.js';
import { ROUTER_SCALE_SCENARIO } from './variants.js';

type Cell = CellSummary | CellFailure | undefined;

const rate = (cell: Cell) =>
  cell === undefined ? '—' : 'error' in cell ? 'failed' : cell.rps.toLocaleString('en');

/**
 * The route counts measured, smallest first, each with its cells by contender: the variants' and the
 * param scenario's own (200 routes).
 */
function columns(results: BenchResults): { routes: number; cells: Readonly<Record<string, Cell>> }[] {
  const variants = Object.values(results.variants ?? {}).flatMap((variant) => {
    const cells = variant.results[ROUTER_SCALE_SCENARIO];
    return variant.routes === undefined || cells === undefined ? [] : [{ routes: variant.routes, cells }];
  });
  if (variants.length === 0) return [];
  const own = results.results[ROUTER_SCALE_SCENARIO];
  const all = own === undefined ? variants : [...variants, { routes: ROUTE_COUNT, cells: own }];
  return all.sort((a, b) => a.routes - b.routes);
}

/**
 * The "Router scale" part of the report (empty when the results have no route-count variant): req/s
 * per contender at each size, the largest size's rate over the smallest's, and the ratio to Fastify at
 * the largest size (slice-paired, as in the other tables).
 *
 * @example
 * ```ts
 * routerScaleSection(results).join('\n'); // "### Router scale: ...\n\n| contender | 10 routes | ..."
 * ```
 */
export function routerScaleSection(results: BenchResults): string[] {
  const sizes = columns(results);
  const smallest = sizes[0];
  const largest = sizes.at(-1);
  if (smallest === undefined || largest === undefined || sizes.length < 2) return [];
  const count = (routes: number) => routes.toLocaleString('en');
  const rows = results.contenders.flatMap((contender) => {
    const cells = sizes.map((size) => size.cells[contender.id]);
    if (cells.every((cell) => cell === undefined)) return [];
    const small = smallest.cells[contender.id];
    const large = largest.cells[contender.id];
    const scale =
      small && large && !('error' in small) && !('error' in large) && small.rps > 0
        ? `${(large.rps / small.rps).toFixed(2)}×`
        : '—';
    const vsFastify =
      large && !('error' in large) && large.vs_fastify !== null ? `${large.vs_fastify.toFixed(2)}×` : '—';
    return [`| ${contender.label} | ${cells.map(rate).join(' | ')} | ${scale} | ${vsFastify} |`];
  });
  return [
    '### Router scale',
    '',
    `The param scenario with ${sizes.map((size) => count(size.routes)).join(', ')} routes registered ` +
      '(`bench/app/route-table.ts`), in the same run: req/s (median slice), the largest table over the ' +
      'smallest, and the ratio to Fastify at the largest (slice-paired).',
    '',
    `| contender | ${sizes.map((size) => `${count(size.routes)} routes`).join(' | ')} | ${count(largest.routes)} vs ${count(smallest.routes)} | vs Fastify at ${count(largest.routes)} |`,
    `|---|${sizes.map(() => '--:|').join('')}--:|--:|`,
    ...rows,
    '',
  ];
}
