/**
 * Flagon's cost around zod on the query scenario's query (issue 27), in one process:
 * `node --import tsx bench/harness/query-cost.ts [rounds]`. Interleaved rounds of
 * - zod alone: `catalogQuerySchema.safeParse` of the object the query makes, built once;
 * - the query object alone: `new URLSearchParams` and `entriesToObject` (Flagon's way until issue 27),
 *   then the query reader `validateRequest` uses now;
 * - Flagon's whole query step: `validateRequest` on a request for `?limit=10&offset=0&sort=name`
 *   (the query object, zod, the issue list, the validated input), as a route with a `query` schema runs it.
 * Prints nanoseconds of CPU time per call (the process's user + system time, median round), which
 * holds up better than wall-clock time on a shared machine; still, compare figures within one run.
 */
import type { HttpReceive, HttpScope } from '@flagon/gateway';
import { queryObject } from '../../packages/framework/src/query-object.js';
import { Request } from '../../packages/framework/src/request.js';
import { compileSchemas, entriesToObject, validateRequest } from '../../packages/framework/src/validation.js';
import { CATALOG_QUERY, catalogQuerySchema } from '../app/catalog.js';
import { median, roundTo } from './statistics.js';

const CALLS = 50_000;
const rounds = Number(process.argv[2] ?? 15);
const compiled = compileSchemas({ query: catalogQuerySchema })!;
const noBody: HttpReceive = () =>
  Promise.resolve({ type: 'http.request', body: new Uint8Array(), more: false });
const scope = { queryString: CATALOG_QUERY } as unknown as HttpScope;
const parsedOnce = entriesToObject(new URLSearchParams(CATALOG_QUERY), compiled.arrayFields);
let sink = 0;

const steps: Record<string, () => Promise<void> | void> = {
  'zod alone (safeParse of the built object)': () => {
    if (catalogQuerySchema.safeParse(parsedOnce).success) sink++;
  },
  'query object: URLSearchParams + entriesToObject': () => {
    sink += Object.keys(entriesToObject(new URLSearchParams(CATALOG_QUERY), compiled.arrayFields)).length;
  },
  'query object: queryObject (hand-written reader)': () => {
    sink += Object.keys(queryObject(CATALOG_QUERY, compiled.arrayFields)).length;
  },
  'Flagon whole query step: validateRequest': async () => {
    const input = await validateRequest(compiled, new Request(scope, noBody), {});
    if (input.query !== undefined) sink++;
  },
};

const samples = new Map<string, number[]>(Object.keys(steps).map((name) => [name, []]));
for (let round = 0; round <= rounds; round++) {
  for (const [name, step] of Object.entries(steps)) {
    const started = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) {
      const pending = step();
      if (pending !== undefined) await pending;
    }
    const { user, system } = process.cpuUsage(started);
    // Round 0 warms the JIT up and is not kept.
    if (round > 0) samples.get(name)!.push(((user + system) * 1000) / CALLS);
  }
}
if (sink === 0) throw new Error('nothing was parsed');
for (const [name, values] of samples)
  process.stdout.write(`${name}: ${roundTo(median(values) ?? 0, 1)} ns\n`);
