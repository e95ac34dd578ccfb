import { CONFORMANCE_CHECKS } from './checks/index.js';
import { runCheck } from './run-check.js';
import type {
  CheckResult,
  ConformanceCheck,
  ConformanceOptions,
  ConformanceReport,
  ConformanceTarget,
} from './types.js';

/**
 * Runs the conformance checks one after another against a server and returns a report: for tools, CI
 * scripts and anything without a test runner. Each check starts its own server through `startServer`.
 *
 * @example
 * ```ts
 * import { runConformance } from '@flagon/gateway/conformance';
 *
 * const report = await runConformance({ name: 'my-server', startServer });
 * for (const r of report.results) if (r.status === 'failed') console.error(`${r.id}: ${r.message}`);
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export async function runConformance(
  target: ConformanceTarget,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const results: CheckResult[] = [];
  for (const check of selectChecks(options)) results.push(await runCheck(check, target, options));
  const count = (status: CheckResult['status']) =>
    results.filter((result) => result.status === status).length;
  const failed = count('failed');
  return {
    name: target.name ?? 'server',
    results,
    passed: count('passed'),
    failed,
    skipped: count('skipped'),
    limited: count('limited'),
    ok: failed === 0,
  };
}

/**
 * The checks `options` asks for: all of them (or `options.checks`), narrowed to `options.only`. Throws
 * for an id in `only` that names no check, so a typo never passes silently.
 *
 * @example
 * ```ts
 * selectChecks({ only: ['request-body-order'] }).length; // 1
 * ```
 */
export function selectChecks(options: ConformanceOptions = {}): readonly ConformanceCheck[] {
  const checks = options.checks ?? CONFORMANCE_CHECKS;
  if (options.only === undefined) return checks;
  const unknown = options.only.filter((id) => !checks.some((check) => check.id === id));
  if (unknown.length > 0) throw new RangeError(`no conformance check with id ${unknown.join(', ')}`);
  return checks.filter((check) => options.only?.includes(check.id));
}
