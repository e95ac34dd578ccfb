// The runtime matrix (issue 24, "any compliant server, proven"): the conformance kit and a smoke set of
// the examples' routes under the reference server (1 and 2 workers), node:http on Node 20 and 24,
// Bun.serve, Deno.serve, the reference CLI under Bun and Deno (.ts and .js apps), srvx and
// @hono/node-server. Rows run in child processes, a few at a time; a runtime that is not installed is
// skipped with the reason. FLAGON_RUNTIMES_FULL=1 adds the rows marked full (the reference server
// itself under Bun and Deno).
import { CONFORMANCE_CHECKS } from '@flagon/gateway/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { MATRIX, type MatrixRow } from './matrix-rows.js';
import { type RowOutcome, runRow } from './matrix-run.js';
import { findRuntime, type MissingRuntime, type Runtime } from './runtimes.js';

// Two cores for everyone: three rows at once keeps the kit's timing checks far from their limits.
const PARALLEL_ROWS = 3;
const ROW_TIMEOUT_MS = 120_000;

const runtimes = new Map<string, Runtime | MissingRuntime>();
const runtimeOf = (row: MatrixRow) => {
  if (!runtimes.has(row.runtime)) runtimes.set(row.runtime, findRuntime(row.runtime));
  return runtimes.get(row.runtime)!;
};
const outcomes = new Map<MatrixRow, Promise<RowOutcome>>();
const FULL = process.env.FLAGON_RUNTIMES_FULL === '1';
const ROWS = MATRIX.filter((row) => FULL || !row.full);

beforeAll(() => {
  const queue = ROWS.filter((row) => !('missing' in runtimeOf(row)));
  let next = 0;
  const started: Array<() => void> = [];
  const startNext = (): void => {
    const row = queue[next++];
    if (!row) return;
    const outcome = runRow(row, runtimeOf(row) as Runtime);
    outcome.catch(() => {}); // reported by the row's own test
    outcomes.set(row, outcome);
    void outcome.finally(startNext);
  };
  for (let n = 0; n < PARALLEL_ROWS; n++) started.push(startNext);
  for (const start of started) start();
});

describe('the runtime matrix', () => {
  for (const row of ROWS) {
    describe(row.name, () => {
      it(`serves ${row.app}: the smoke set's answers are the expected ones`, {
        timeout: ROW_TIMEOUT_MS,
      }, async (context) => {
        const runtime = runtimeOf(row);
        if ('missing' in runtime) return context.skip(`${runtime.name} cannot run here: ${runtime.missing}`);
        const { smoke } = await outcomes.get(row)!;
        expect(smoke).toEqual(row.smoke.map((step) => step.expect));
      });

      if (!('host' in row.serve)) return;
      it('passes the conformance kit, but for the outcomes known for this host', {
        timeout: ROW_TIMEOUT_MS,
      }, async (context) => {
        const runtime = runtimeOf(row);
        if ('missing' in runtime) return context.skip(`${runtime.name} cannot run here: ${runtime.missing}`);
        const { checks } = await outcomes.get(row)!;
        expect(checks?.map((check) => check.id)).toEqual(CONFORMANCE_CHECKS.map((check) => check.id));
        const notPassed = (checks ?? []).filter((check) => check.status !== 'passed');
        // The messages go along, so a new failure shows its reason, not only its id.
        expect(notPassed.map((check) => `${check.status} ${check.id}: ${check.message}`).sort()).toEqual(
          [...(row.notPassed ?? [])]
            .sort()
            .map((outcome) => expect.stringMatching(new RegExp(`^${outcome}: `))),
        );
      });
    });
  }
});
