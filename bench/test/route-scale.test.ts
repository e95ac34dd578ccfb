// The router-scale comparison: the tables at 10, 200 and 2,000 routes, each router finding the param
// route in all three, and the contenders answering from the 2,000-route table (`--routes 2000`).
// This file's own worker sets BENCH_ROUTES before it imports any contender.
import { describe, expect, it } from 'vitest';
import {
  benchRoutes,
  PARAM_REQUEST_PATH,
  PARAM_ROUTE,
  ROUTE_COUNTS,
  routeCount,
  wildcardPath,
} from '../app/route-table.js';
import type { CreateListener } from '../contenders/listening.js';
import { IN_PROCESS_CONTENDERS } from '../harness/contenders.js';
import { answerInProcess } from '../harness/in-process.js';
import {
  LOOKUP_PATHS,
  lookupTable,
  measureLookups,
  ROUTERS,
  type RouterId,
} from '../harness/router-lookups.js';

process.env.BENCH_ROUTES = '2000';

describe('the route tables', () => {
  it.each(ROUTE_COUNTS)('has %i distinct routes with the param route among the last ten', (count) => {
    const paths = benchRoutes(count).map((route) => route.path);
    expect(new Set(paths).size).toBe(count);
    expect(paths.indexOf(PARAM_ROUTE)).toBeGreaterThanOrEqual(count - 10);
  });

  it('mixes static, param and wildcard routes at 2,000', () => {
    const routes = benchRoutes(2000);
    expect(routes.filter((route) => route.path.endsWith('/*'))).toHaveLength(180);
    expect(routes.filter((route) => route.params.length === 0 && !route.path.includes('*'))).toHaveLength(
      420,
    );
    expect(wildcardPath('/files-01/files/*', 'named')).toBe('/files-01/files/*path');
  });

  it('takes its size from BENCH_ROUTES, and refuses a size it does not know', () => {
    expect(routeCount({})).toBe(200);
    expect(routeCount({ BENCH_ROUTES: '10' })).toBe(10);
    expect(() => routeCount({ BENCH_ROUTES: '500' })).toThrow('BENCH_ROUTES must be one of 10, 200, 2000');
  });
});

describe.each(Object.keys(ROUTERS) as RouterId[])('router %s', (id) => {
  it.each(ROUTE_COUNTS)('finds the looked-up paths among %i routes, and not a missing one', (count) => {
    const lookup = ROUTERS[id](count);
    expect(lookup(LOOKUP_PATHS.param)).toBe(true);
    expect(lookup(LOOKUP_PATHS.static)).toBe(true);
    expect(lookup('/nope/1/nope/2/nope')).toBe(false);
  });
});

describe('measureLookups', () => {
  it('times every router at every size and tabulates them', () => {
    const figures = measureLookups({ rounds: 1, lookups: 20 });
    expect(figures).toHaveLength(Object.keys(ROUTERS).length * ROUTE_COUNTS.length * 2);
    expect(figures.every((figure) => figure.lookups_per_second > 0)).toBe(true);
    const table = lookupTable(figures);
    expect(table).toContain('| find-my-way | `/users/42/posts/7` |');
    expect(table.split('\n')).toHaveLength(2 + Object.keys(ROUTERS).length * 2);
  });
});

describe.each(IN_PROCESS_CONTENDERS)('contender $id with 2,000 routes', (contender) => {
  it('answers the param route, a generated one and a wildcard one', async () => {
    const { createListener } = (await import(contender.file)) as { createListener: CreateListener };
    const listener = await createListener();
    const get = (path: string) => answerInProcess(listener, { method: 'GET', path });
    expect((await get(PARAM_REQUEST_PATH)).body).toBe('{"id":"42","post":"7"}');
    expect((await get('/accounts-01/7/invoices/3')).body).toBe('{"id":"7","invoice":"3"}');
    expect((await get('/accounts-01/files/2026/report.pdf')).status).toBe(200);
  }, 30_000);
});
