import { selectChecks } from './run.js';
import { runCheck } from './run-check.js';
import type { ConformanceOptions, ConformanceTarget } from './types.js';

/**
 * The part of a test runner the kit needs: `describe` and `it` as vitest, jest, mocha and `node:test`
 * have them. A test body receives the runner's test context, if any, as its first argument.
 */
export interface TestRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, test: (...args: unknown[]) => Promise<void>): unknown;
}

/**
 * Registers one test per conformance check with your test runner, under
 * `describe('gateway conformance: <name>')`. A failed check fails its test with the reason; a skipped
 * one (an extension the server does not offer, no `drain()`), and a limited one (a Fetch host's
 * limit, the reason starting "limit of Fetch hosts"), is reported through the runner's
 * `context.skip(reason)` where it has one (vitest, `node:test`), else it passes.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { defineConformanceSuite } from '@flagon/gateway/conformance';
 *
 * defineConformanceSuite({ name: 'my-server', startServer }, { describe, it });
 * ```
 */
export function defineConformanceSuite(
  target: ConformanceTarget,
  runner: TestRunner,
  options: ConformanceOptions = {},
): void {
  const checks = selectChecks(options);
  runner.describe(`gateway conformance: ${target.name ?? 'server'}`, () => {
    for (const check of checks) {
      // Rest parameters keep the function's length at 0, so jest does not take it for a `done` callback.
      runner.it(`${check.id} (${check.spec}): ${check.rule}`, async (...args: unknown[]) => {
        const result = await runCheck(check, target, options);
        if (result.status === 'failed') throw new Error(result.message);
        // A limit is no pass: reported as a skip whose reason starts "limit of Fetch hosts".
        if (result.status === 'skipped' || result.status === 'limited') skipIn(args[0], result.message);
      });
    }
  });
}

function skipIn(context: unknown, reason: string): void {
  const skip = (context as { skip?: unknown } | undefined)?.skip;
  if (typeof skip === 'function') skip.call(context, reason);
}
