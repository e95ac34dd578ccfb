// The type-check benchmark (`pnpm bench:types`): the route plan's mix, the table's shape, tsc's numbers
// read back, and the generated apps compiling (30 routes only: each check costs seconds). The Flagon app
// also gets calls its typed urlFor must refuse, so a bench whose urlFor went untyped would not compile.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureCheck, parseDiagnostics } from '../typecheck/measure.js';
import { stageModules, writeProject } from '../typecheck/project.js';
import { blueprintsOf, planRoutes } from '../typecheck/route-plan.js';
import { appSources } from '../typecheck/sources.js';
import { typeCheckTable } from '../typecheck/table.js';

const cost = (checkSeconds: number) => ({
  checkSeconds,
  totalSeconds: checkSeconds + 1,
  instantiations: 1000,
  memoryMiB: 100,
  errors: '',
});

describe('the route plan', () => {
  it('has half its routes with schemas, a fifth in blueprints, static and param paths, all distinct', () => {
    const routes = planRoutes(1000);
    expect(routes.filter((route) => route.schemas)).toHaveLength(500);
    expect(routes.filter((route) => route.blueprint !== undefined)).toHaveLength(200);
    expect(blueprintsOf(routes)).toHaveLength(20);
    expect(routes.filter((route) => route.params.length === 0).length).toBeGreaterThan(300);
    expect(routes.filter((route) => route.params.length === 2).length).toBeGreaterThan(300);
    expect(new Set(routes.map((route) => `${route.blueprint}${route.path}`)).size).toBe(1000);
    expect(new Set(routes.map((route) => route.method))).toEqual(new Set(['get', 'post', 'put', 'delete']));
  });
});

describe('the report', () => {
  it('reads the numbers tsc --extendedDiagnostics prints', () => {
    const printed =
      'Files: 300\nInstantiations:  1234567\nMemory used:  204800K\nCheck time:  12.34s\nTotal time:  15.00s\n';
    expect(parseDiagnostics(printed)).toEqual({
      checkSeconds: 12.34,
      totalSeconds: 15,
      instantiations: 1234567,
      memoryMiB: 200,
      errors: '',
    });
    expect(() => parseDiagnostics('error TS5058: no project')).toThrow('tsc printed no "Check time" line');
  });

  it('makes one markdown line per route count, Flagon over Hono as a ratio', () => {
    const table = typeCheckTable([
      { framework: 'hono', routes: 1000, cost: cost(20) },
      { framework: 'flagon', routes: 30, cost: cost(2) },
      { framework: 'hono', routes: 30, cost: cost(4) },
      { framework: 'flagon', routes: 1000, cost: cost(15) },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| routes \| Flagon check \(s\) \| Hono check \(s\) \| Flagon \/ Hono \|/);
    expect(lines[2]).toBe('| 30 | 2.00 | 4.00 | 0.50× | 1000 | 1000 | 100 | 100 |');
    expect(lines[3]).toBe('| 1,000 | 15.00 | 20.00 | 0.75× | 1000 | 1000 | 100 | 100 |');
    for (const line of lines) expect(line.split('|')).toHaveLength(10);
  });
});

describe('the generated apps', () => {
  let base = '';
  // Building the two Flagon packages as published takes a while on a loaded machine.
  beforeAll(() => {
    base = stageModules();
  }, 300_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('compile, and the Flagon one refuses unknown names and missing params to urlFor', {
    timeout: 300_000,
  }, () => {
    // One tsc run for both apps: zod's types are then loaded and checked once.
    const files = (['flagon', 'hono'] as const).flatMap((framework) =>
      appSources(framework, planRoutes(30)).map((file) => ({ ...file, path: `${framework}/${file.path}` })),
    );
    const refused = [
      "import { app } from './app.js';",
      '// @ts-expect-error: no route of that name',
      "app.urlFor('r9999');",
      '// @ts-expect-error: r1 (in blueprint bp0) needs its id',
      "app.urlFor('bp0.r1');",
      "export const ok = app.urlFor('bp0.r1', { id: 1, page: 2 });",
      '',
    ].join('\n');
    const dir = writeProject(base, 'both-30', [...files, { path: 'flagon/refused.ts', text: refused }]);
    expect(readdirSync(join(dir, 'hono'))).toEqual(['app.ts', 'bp0.ts']);
    const result = measureCheck(dir);
    expect(result.errors).toBe('');
    expect(result.instantiations).toBeGreaterThan(0);
  });
});
