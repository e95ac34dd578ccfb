/**
 * The route table every contender registers, so the param scenario measures each router on the same
 * shape of app: static and dynamic routes mixed, many sharing a first segment, as in a real API. 200
 * routes by default; `BENCH_ROUTES` (10, 200 or 2000, set by `pnpm bench --routes N`) picks the size.
 */

/**
 * One `GET` route: its path in `:param` syntax (understood by every router here) and its param names.
 * A path ending in `/*` matches anything below it: write it for your router with {@link wildcardPath}.
 */
export interface BenchRoute {
  readonly path: string;
  readonly params: readonly string[];
}

/** The route the param scenario requests, and the request path it sends. */
export const PARAM_ROUTE = '/users/:id/posts/:post';
export const PARAM_REQUEST_PATH = '/users/42/posts/7';

/** The sizes of table the bench knows: the default, and the two ends of the router-scale comparison. */
export const ROUTE_COUNTS = [10, 200, 2000] as const;
export type RouteCount = (typeof ROUTE_COUNTS)[number];

/** How many routes the table has by default. */
export const ROUTE_COUNT = 200;

/**
 * The table size this process serves: `BENCH_ROUTES`, else 200. Throws on a size the bench does not know.
 *
 * @example
 * ```ts
 * routeCount({ BENCH_ROUTES: '2000' }); // 2000
 * ```
 */
export function routeCount(env: Readonly<Record<string, string | undefined>> = process.env): RouteCount {
  const value = Number(env.BENCH_ROUTES ?? ROUTE_COUNT);
  const known = ROUTE_COUNTS.find((count) => count === value);
  if (known === undefined) throw new Error(`BENCH_ROUTES must be one of ${ROUTE_COUNTS.join(', ')}`);
  return known;
}

// Each resource has two sub-resources, each with the name of its own param; `users` comes last so that
// `/users/:id/posts/:post` is among the last routes registered, and a router that tries routes in order
// pays for nearly all of them.
type SubResource = readonly [name: string, param: string];
const RESOURCES: ReadonlyArray<readonly [resource: string, first: SubResource, second: SubResource]> = [
  ['accounts', ['invoices', 'invoice'], ['payments', 'payment']],
  ['articles', ['comments', 'comment'], ['revisions', 'revision']],
  ['books', ['chapters', 'chapter'], ['reviews', 'review']],
  ['carts', ['lines', 'line'], ['coupons', 'coupon']],
  ['customers', ['addresses', 'address'], ['orders', 'order']],
  ['devices', ['readings', 'reading'], ['alerts', 'alert']],
  ['events', ['tickets', 'ticket'], ['speakers', 'speaker']],
  ['files', ['versions', 'version'], ['shares', 'share']],
  ['groups', ['members', 'member'], ['roles', 'role']],
  ['invoices', ['lines', 'line'], ['payments', 'payment']],
  ['messages', ['replies', 'reply'], ['attachments', 'attachment']],
  ['orders', ['items', 'item'], ['shipments', 'shipment']],
  ['products', ['variants', 'variant'], ['images', 'image']],
  ['projects', ['tasks', 'task'], ['milestones', 'milestone']],
  ['repos', ['branches', 'branch'], ['commits', 'commit']],
  ['sessions', ['events', 'event'], ['tokens', 'token']],
  ['stores', ['shelves', 'shelf'], ['staff', 'person']],
  ['teams', ['members', 'member'], ['channels', 'channel']],
  ['tickets', ['notes', 'note'], ['watchers', 'watcher']],
  ['users', ['posts', 'post'], ['followers', 'follower']],
];

function routesOf(resource: string, [first, firstParam]: SubResource, [second, secondParam]: SubResource) {
  return [
    { path: `/${resource}`, params: [] },
    { path: `/${resource}/new`, params: [] },
    { path: `/${resource}/stats`, params: [] },
    { path: `/${resource}/:id`, params: ['id'] },
    { path: `/${resource}/:id/edit`, params: ['id'] },
    { path: `/${resource}/:id/history`, params: ['id'] },
    { path: `/${resource}/:id/${second}`, params: ['id'] },
    { path: `/${resource}/:id/${second}/:${secondParam}`, params: ['id', secondParam] },
    { path: `/${resource}/:id/${first}`, params: ['id'] },
    { path: `/${resource}/:id/${first}/:${firstParam}`, params: ['id', firstParam] },
  ] satisfies BenchRoute[];
}

// The 2,000-route table puts 180 more resources first, each with a wildcard in place of `/stats` (files
// served below the resource), so that table mixes static, param and wildcard routes.
function generatedRoutesOf(index: number): BenchRoute[] {
  const [name, first, second] = RESOURCES[index % RESOURCES.length]!;
  const resource = `${name}-${String(Math.floor(index / RESOURCES.length) + 1).padStart(2, '0')}`;
  return routesOf(resource, first, second).map((route) =>
    route.path === `/${resource}/stats` ? { path: `/${resource}/files/*`, params: [] } : route,
  );
}

/**
 * The route table, in registration order: 20 resources of 10 routes each (3 static, 7 with params) for
 * 200; `users` alone for 10; 180 generated resources (with a wildcard each) and then the 20 for 2,000.
 * `/users/:id/posts/:post` is among the last ten in each.
 *
 * @example
 * ```ts
 * for (const route of benchRoutes()) app.get(route.path, (c) => json(c.params));
 * ```
 */
export function benchRoutes(count: RouteCount = routeCount()): BenchRoute[] {
  const named = (entries: typeof RESOURCES) =>
    entries.flatMap(([resource, first, second]) => routesOf(resource, first, second));
  if (count === 10) return named(RESOURCES.filter(([resource]) => resource === 'users'));
  if (count === 200) return named(RESOURCES);
  const generated = Array.from({ length: (count - ROUTE_COUNT) / 10 }, (_, index) =>
    generatedRoutesOf(index),
  );
  return [...generated.flat(), ...named(RESOURCES)];
}

/**
 * A route's path in a router's own wildcard syntax: `*` (Fastify, Hono, find-my-way) stays, `*path`
 * for path-to-regexp 8 (Flagon, Express 5), which wants the wildcard named.
 *
 * @example
 * ```ts
 * wildcardPath('/files-01/files/*', 'named'); // '/files-01/files/*path'
 * ```
 */
export function wildcardPath(path: string, style: 'star' | 'named'): string {
  return style === 'named' && path.endsWith('/*') ? `${path}path` : path;
}

/**
 * What every route answers: its params as JSON, keys in path order (`{"id":"42","post":"7"}`).
 *
 * @example
 * ```ts
 * routeAnswer({ id: '42', post: '7' }); // '{"id":"42","post":"7"}'
 * ```
 */
export function routeAnswer(params: Readonly<Record<string, string>>): string {
  return JSON.stringify(params);
}
