/**
 * The 200-route table every contender registers, so the param scenario measures each router on the
 * same shape of app: static and dynamic routes mixed, many sharing a first segment, as in a real API.
 */

/** One `GET` route: its path in `:param` syntax (understood by every router here) and its param names. */
export interface BenchRoute {
  readonly path: string;
  readonly params: readonly string[];
}

/** The route the param scenario requests, and the request path it sends. */
export const PARAM_ROUTE = '/users/:id/posts/:post';
export const PARAM_REQUEST_PATH = '/users/42/posts/7';

/** How many routes the table has. */
export const ROUTE_COUNT = 200;

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

/**
 * The route table, in registration order: 20 resources of 10 routes each (3 static, 7 with params).
 *
 * @example
 * ```ts
 * for (const route of benchRoutes()) app.get(route.path, (c) => json(c.params));
 * ```
 */
export function benchRoutes(): BenchRoute[] {
  return RESOURCES.flatMap(([resource, first, second]) => routesOf(resource, first, second));
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
