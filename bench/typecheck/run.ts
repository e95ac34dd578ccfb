/**
 * `pnpm bench:types`: how long tsc takes to check the same app written for Flagon and for Hono, at 30,
 * 300 and 1,000 routes (see route-plan.ts), one project at a time. Prints a markdown table.
 *
 *   pnpm bench:types                      # 30, 300 and 1,000 routes, both frameworks
 *   pnpm bench:types --routes 1000 --framework flagon --keep
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { measureCheck } from './measure.js';
import { stageModules, writeProject } from './project.js';
import { planRoutes } from './route-plan.js';
import { appSources, type Framework } from './sources.js';
import { type CheckRow, typeCheckTable } from './table.js';

const { values } = parseArgs({
  options: {
    routes: { type: 'string', default: '30,300,1000' },
    framework: { type: 'string', default: 'flagon,hono' },
    keep: { type: 'boolean', default: false },
  },
});
const counts = values.routes.split(',').map(Number);
const frameworks = values.framework.split(',') as Framework[];
if (counts.some((count) => !Number.isInteger(count) || count < 1))
  throw new Error('--routes: positive integers');
if (frameworks.some((framework) => framework !== 'flagon' && framework !== 'hono'))
  throw new Error('--framework: flagon and/or hono');

const log = (line: string) => process.stderr.write(`${line}\n`);
log('bench:types: building @flagon/gateway and @flagon/framework as published...');
const base = stageModules();
const rows: CheckRow[] = [];
try {
  for (const routes of counts) {
    for (const framework of frameworks) {
      const dir = writeProject(base, `${framework}-${routes}`, appSources(framework, planRoutes(routes)));
      const cost = measureCheck(dir);
      if (cost.errors !== '')
        throw new Error(`the ${framework} app of ${routes} routes does not compile:\n${cost.errors}`);
      log(
        `bench:types: ${framework} ${routes} routes: check ${cost.checkSeconds}s, ${cost.instantiations} instantiations`,
      );
      rows.push({ framework, routes, cost });
    }
  }
} finally {
  if (values.keep) log(`bench:types: projects kept in ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
process.stdout.write(`${typeCheckTable(rows)}\n`);
