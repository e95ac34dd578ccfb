/**
 * The benchmark app as source files, once for Flagon and once for Hono, each in the style its docs
 * recommend for typed apps: Flagon's chained `const app = new Flagon().get(...)` with `name`s (which types
 * `app.urlFor`), Hono's chained `new Hono().get(...)` with `zValidator` and sub-apps mounted by `route()`.
 */
import { blueprintsOf, type PlannedRoute, schemaSource } from './route-plan.js';

/** A generated file: its path in the project and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** The frameworks the benchmark compares. */
export type Framework = 'flagon' | 'hono';

/** The params object a link to `route` passes (the first link of ten also adds a query param). */
function linkParams(route: PlannedRoute): string {
  const values = route.params.map((name, i) => `${name}: ${i === 0 ? route.index : `'x${route.index}'`}`);
  if (route.index % 20 === 0) values.push('page: 2');
  return `{ ${values.join(', ')} }`;
}

function flagonRoute(route: PlannedRoute): string {
  const reads = route.params.map((name) => `${name}: c.params.${name}`);
  if (!route.schemas) {
    return `  .${route.method}('${route.path}', { name: 'r${route.index}' }, (c) => ({ route: ${route.index}${reads.map((r) => `, ${r}`).join('')} }))`;
  }
  const options = `{ name: 'r${route.index}', body: Body${route.index}, query: Query${route.index} }`;
  const result = ['title: c.body.title', 'count: c.body.count + 1', 'page: c.query.page', ...reads];
  return `  .${route.method}('${route.path}', ${options}, (c) => ({ ${result.join(', ')} }))`;
}

function honoRoute(route: PlannedRoute): string {
  const reads = route.params.map((name) => `${name}: c.req.param('${name}')`);
  if (!route.schemas) {
    return `  .${route.method}('${route.path}', (c) => c.json({ route: ${route.index}${reads.map((r) => `, ${r}`).join('')} }))`;
  }
  const validators = `zValidator('json', Body${route.index}), zValidator('query', Query${route.index})`;
  const result = ['title: body.title', 'count: body.count + 1', 'page: query.page', ...reads];
  return [
    `  .${route.method}('${route.path}', ${validators}, (c) => {`,
    `    const body = c.req.valid('json');`,
    `    const query = c.req.valid('query');`,
    `    return c.json({ ${result.join(', ')} });`,
    '  })',
  ].join('\n');
}

function schemasOf(routes: readonly PlannedRoute[]): string {
  return routes
    .filter((route) => route.schemas)
    .map((route) => schemaSource(route.index))
    .join('\n');
}

function flagonBlueprint(number: number, routes: readonly PlannedRoute[]): string {
  return [
    `import { Blueprint } from '@flagon/framework';`,
    `import { z } from 'zod';`,
    '',
    schemasOf(routes),
    '',
    `export const bp${number} = new Blueprint('bp${number}', { prefix: '/bp${number}' })`,
    `${routes.map(flagonRoute).join('\n')};`,
    '',
  ].join('\n');
}

function honoBlueprint(number: number, routes: readonly PlannedRoute[]): string {
  return [
    `import { zValidator } from '@hono/zod-validator';`,
    `import { Hono } from 'hono';`,
    `import { z } from 'zod';`,
    '',
    schemasOf(routes),
    '',
    `export const bp${number} = new Hono()`,
    `${routes.map(honoRoute).join('\n')};`,
    '',
  ].join('\n');
}

/**
 * The files of the app serving `routes` with `framework`: `app.ts` and one file per blueprint. The
 * Flagon app also builds a link to every tenth route with the typed `app.urlFor` (Hono has no
 * equivalent short of its RPC client, left out: its check time is without it).
 *
 * @example
 * ```ts
 * appSources('hono', planRoutes(30)).map((file) => file.path); // ['bp0.ts', 'app.ts']
 * ```
 */
export function appSources(framework: Framework, routes: readonly PlannedRoute[]): SourceFile[] {
  const blueprints = blueprintsOf(routes);
  const own = routes.filter((route) => route.blueprint === undefined);
  const files = blueprints.map((number) => {
    const members = routes.filter((route) => route.blueprint === number);
    const text = framework === 'flagon' ? flagonBlueprint(number, members) : honoBlueprint(number, members);
    return { path: `bp${number}.ts`, text };
  });
  const imports = blueprints.map((number) => `import { bp${number} } from './bp${number}.js';`);
  const app =
    framework === 'flagon'
      ? [
          `import { Flagon } from '@flagon/framework';`,
          `import { z } from 'zod';`,
          ...imports,
          '',
          schemasOf(own),
          '',
          'export const app = new Flagon()',
          ...own.map(flagonRoute),
          ...blueprints.map((number) => `  .register(bp${number})`),
          ';',
          '',
          'export const links = [',
          ...routes
            .filter((route) => route.index % 10 === 0 || route.index % 10 === 1)
            .map((route) => {
              const name =
                route.blueprint === undefined ? `r${route.index}` : `bp${route.blueprint}.r${route.index}`;
              return `  app.urlFor('${name}', ${linkParams(route)}),`;
            }),
          '];',
          '',
        ]
      : [
          `import { zValidator } from '@hono/zod-validator';`,
          `import { Hono } from 'hono';`,
          `import { z } from 'zod';`,
          ...imports,
          '',
          schemasOf(own),
          '',
          'export const app = new Hono()',
          ...own.map(honoRoute),
          ...blueprints.map((number) => `  .route('/bp${number}', bp${number})`),
          ';',
          '',
          'export type AppType = typeof app;',
          '',
        ];
  files.push({ path: 'app.ts', text: app.join('\n') });
  return files;
}
