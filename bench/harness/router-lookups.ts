/**
 * `pnpm bench --routers`: the routers alone, in one process, without HTTP. Flagon's router, Fastify's
 * find-my-way and Hono's default router (its SmartRouter over RegExpRouter and TrieRouter) each get the
 * bench's route table at 10, 200 and 2,000 routes and look up the param scenario's path (and a static
 * one) over and over. Rounds interleave every router and size, so a slow phase of the machine falls on
 * all of them alike; the figure is the median round.
 */
import { Router } from '@flagon/framework/routing';
import FindMyWay from 'find-my-way';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { SmartRouter } from 'hono/router/smart-router';
import { TrieRouter } from 'hono/router/trie-router';
import {
  benchRoutes,
  PARAM_REQUEST_PATH,
  ROUTE_COUNTS,
  type RouteCount,
  wildcardPath,
} from '../app/route-table.js';
import { median, roundTo } from './statistics.js';

/** Looks up one `GET` path: true when a route matched (counted, so the lookup is not optimised away). */
export type Lookup = (path: string) => boolean;

/** The routers compared, by id: each builds a lookup over a route table. */
export const ROUTERS = {
  flagon: (count: RouteCount): Lookup => {
    const router = new Router<number>();
    benchRoutes(count).forEach((route, index) => {
      router.add({ methods: ['GET'], path: wildcardPath(route.path, 'named'), value: index });
    });
    return (path) => router.match('GET', path).kind === 'found';
  },
  'find-my-way': (count: RouteCount): Lookup => {
    const router = FindMyWay();
    for (const route of benchRoutes(count)) router.on('GET', route.path, () => undefined);
    return (path) => router.find('GET', path) !== null;
  },
  hono: (count: RouteCount): Lookup => {
    const router = new SmartRouter<number>({ routers: [new RegExpRouter(), new TrieRouter()] });
    benchRoutes(count).forEach((route, index) => {
      router.add('GET', route.path, index);
    });
    return (path) => router.match('GET', path)[0].length > 0;
  },
} as const satisfies Record<string, (count: RouteCount) => Lookup>;
export type RouterId = keyof typeof ROUTERS;

/** The paths looked up: the param route (among the last registered) and a static route. */
export const LOOKUP_PATHS = { param: PARAM_REQUEST_PATH, static: '/users/new' } as const;

/** One router at one table size: nanoseconds per lookup (median round) and the rate that makes. */
export interface LookupFigure {
  readonly router: RouterId;
  readonly routes: RouteCount;
  readonly path: keyof typeof LOOKUP_PATHS;
  readonly ns_per_lookup: number;
  readonly lookups_per_second: number;
}

export interface LookupPlan {
  readonly rounds: number;
  /** Lookups per router, size and path in each round. */
  readonly lookups: number;
}

/**
 * Times every router at every table size, interleaved round by round.
 *
 * @example
 * ```ts
 * const figures = measureLookups({ rounds: 15, lookups: 200_000 });
 * ```
 */
export function measureLookups(plan: LookupPlan): LookupFigure[] {
  const cells = (Object.keys(ROUTERS) as RouterId[]).flatMap((router) =>
    ROUTE_COUNTS.flatMap((routes) =>
      (Object.keys(LOOKUP_PATHS) as (keyof typeof LOOKUP_PATHS)[]).map((path) => ({
        router,
        routes,
        path,
        lookup: ROUTERS[router](routes),
        samples: [] as number[],
      })),
    ),
  );
  let sink = 0;
  for (let round = 0; round <= plan.rounds; round++) {
    for (const cell of cells) {
      const path = LOOKUP_PATHS[cell.path];
      const started = process.hrtime.bigint();
      for (let i = 0; i < plan.lookups; i++) if (cell.lookup(path)) sink++;
      const ns = Number(process.hrtime.bigint() - started) / plan.lookups;
      // Round 0 warms every lookup up; it is not kept.
      if (round > 0) cell.samples.push(ns);
    }
  }
  if (sink === 0) throw new Error('no lookup found its route');
  return cells.map(({ router, routes, path, samples }) => {
    const ns = median(samples) ?? Number.NaN;
    return { router, routes, path, ns_per_lookup: roundTo(ns, 1), lookups_per_second: Math.round(1e9 / ns) };
  });
}

/**
 * The figures as a markdown table: lookups per second per router and size, and 2,000 over 10 routes.
 *
 * @example
 * ```ts
 * console.log(lookupTable(measureLookups({ rounds: 15, lookups: 200_000 })));
 * ```
 */
export function lookupTable(figures: readonly LookupFigure[]): string {
  const rows = [
    `| router | path | ${ROUTE_COUNTS.map((count) => `${count.toLocaleString('en')} routes`).join(' | ')} | 2,000 vs 10 |`,
    `|---|---|${ROUTE_COUNTS.map(() => '--:|').join('')}--:|`,
  ];
  for (const router of Object.keys(ROUTERS) as RouterId[]) {
    for (const path of Object.keys(LOOKUP_PATHS) as (keyof typeof LOOKUP_PATHS)[]) {
      const of = (routes: RouteCount) =>
        figures.find(
          (figure) => figure.router === router && figure.path === path && figure.routes === routes,
        );
      const cells = ROUTE_COUNTS.map((routes) => {
        const figure = of(routes);
        return figure
          ? `${figure.lookups_per_second.toLocaleString('en')}/s (${figure.ns_per_lookup} ns)`
          : '—';
      });
      const small = of(10);
      const large = of(2000);
      const scale = small && large ? `${(small.ns_per_lookup / large.ns_per_lookup).toFixed(2)}×` : '—';
      rows.push(`| ${router} | \`${LOOKUP_PATHS[path]}\` | ${cells.join(' | ')} | ${scale} |`);
    }
  }
  return rows.join('\n');
}
