import type { RouteInfo } from '../routing/index.js';

/** The orders `flagon routes --sort` knows. */
export const ROUTE_SORTS = ['path', 'endpoint', 'methods'] as const;
export type RouteSort = (typeof ROUTE_SORTS)[number];

const HEADINGS = ['Methods', 'Path', 'Endpoint'] as const;

/**
 * The routes as a text table (methods, path, endpoint), like `flask routes`: sorted by `sort`, ties
 * broken by path then methods, so the listing is the same on every run.
 *
 * @example
 * ```ts
 * formatRoutes([{ methods: ['GET'], path: '/', name: 'index' }]);
 * // 'Methods  Path  Endpoint\n-------  ----  --------\nGET      /     index\n'
 * ```
 */
export function formatRoutes(routes: readonly RouteInfo[], sort: RouteSort = 'path'): string {
  if (routes.length === 0) return 'No routes.\n';
  const rows = routes
    .map((route) => ({ methods: route.methods.join(', '), path: route.path, endpoint: route.name ?? '-' }))
    .sort((a, b) => compare(a[sort], b[sort]) || compare(a.path, b.path) || compare(a.methods, b.methods))
    .map((row) => [row.methods, row.path, row.endpoint]);
  const widths = HEADINGS.map((heading, column) =>
    Math.max(heading.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `${cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()}\n`;
  return [line(HEADINGS), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('');
}

// Code-unit order, not locale order: the same listing on every machine.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
