/**
 * The routes the type-check benchmark declares, the same for every framework: a realistic mix of static
 * and param paths, half with zod body and query schemas, a fifth in blueprints (Hono: sub-apps), all named.
 */

/** One generated route. */
export interface PlannedRoute {
  /** Its number, unique in the app: the name is `r<index>`. */
  readonly index: number;
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** The path below its blueprint's prefix (the app's own routes: the full path). */
  readonly path: string;
  /** The path params, in order. */
  readonly params: readonly string[];
  /** Whether the route validates a JSON body and a query with zod schemas. */
  readonly schemas: boolean;
  /** The number of the blueprint it is declared in, `undefined` for the app's own routes. */
  readonly blueprint: number | undefined;
}

/** How many routes share one blueprint. */
export const ROUTES_PER_BLUEPRINT = 10;

const PATHS: readonly ((i: number) => [string, string[]])[] = [
  (i) => [`/r${i}/items`, []],
  (i) => [`/r${i}/users/:id`, ['id']],
  (i) => [`/r${i}/orgs/:org/repos/:repo`, ['org', 'repo']],
];

/**
 * The `count` routes of the benchmark app, in declaration order.
 *
 * @example
 * ```ts
 * planRoutes(30).filter((route) => route.schemas).length; // 15
 * ```
 */
export function planRoutes(count: number): PlannedRoute[] {
  const routes: PlannedRoute[] = [];
  let inBlueprints = 0;
  for (let index = 0; index < count; index++) {
    const [path, params] = PATHS[index % PATHS.length]!(index);
    const schemas = index % 2 === 0;
    const method = schemas ? (index % 4 === 0 ? 'post' : 'put') : index % 7 === 3 ? 'delete' : 'get';
    const blueprint = index % 5 === 1 ? Math.floor(inBlueprints++ / ROUTES_PER_BLUEPRINT) : undefined;
    routes.push({ index, method, path, params, schemas, blueprint });
  }
  return routes;
}

/**
 * The blueprint numbers `routes` use, in order.
 *
 * @example
 * ```ts
 * blueprintsOf(planRoutes(30)); // [0]
 * ```
 */
export function blueprintsOf(routes: readonly PlannedRoute[]): number[] {
  return [...new Set(routes.flatMap((route) => (route.blueprint === undefined ? [] : [route.blueprint])))];
}

/** The zod schemas of route `index`, as TypeScript source (each route has its own, as real apps do). */
export function schemaSource(index: number): string {
  return [
    `const Body${index} = z.object({ title: z.string().min(1), count: z.number().int(), tags: z.array(z.string()).optional() });`,
    `const Query${index} = z.object({ page: z.coerce.number().int().default(1), q: z.string().optional() });`,
  ].join('\n');
}
