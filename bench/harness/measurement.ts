/**
 * One measurement: a fresh server process for one contender and one scenario, its answer checked,
 * then warm-up and measured load, with the server's peak RSS and CPU use over the load.
 */
import { answerMismatches, fetchAnswer } from './answer-check.js';
import type { Contender } from './contenders.js';
import { LOAD_CORE, SERVER_CORE } from './cpu-pinning.js';
import { type LoadResult, runLoad } from './load-generator.js';
import { watchProcessUsage } from './process-usage.js';
import type { Scenario } from './scenarios.js';
import { startContender } from './server-process.js';
import { roundTo } from './statistics.js';

/** The load settings of a measurement. */
export interface LoadSettings {
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
}

/** The numbers one measurement gave. */
export interface MeasuredNumbers {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  /** Peak RSS of the server process over its life (MiB). */
  readonly rss_mb: number | null;
  /** The server's CPU time over the load, in cores (1 = one core busy all the time). */
  readonly server_cpu: number | null;
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** Why a measurement could not be taken: the server did not start, answered wrongly, or failed under load. */
export class MeasurementError extends Error {
  constructor(
    message: string,
    readonly stage: 'start' | 'answer' | 'load',
  ) {
    super(message);
    this.name = 'MeasurementError';
  }
}

// A few socket errors as connections close are noise; more than this share of requests is a broken run.
const ERROR_SHARE_LIMIT = 0.001;

/**
 * What is wrong with a load run on `scenario`, or `null`: a status other than the expected one, no
 * responses at all, or more than 0.1 % of requests lost to socket errors and timeouts.
 *
 * @example
 * ```ts
 * loadProblem(scenario, load); // "unexpected statuses 500×12"
 * ```
 */
export function loadProblem(scenario: Scenario, load: LoadResult): string | null {
  const unexpected = Object.entries(load.statuses).filter(
    ([status]) => Number(status) !== scenario.expected.status,
  );
  if (unexpected.length > 0) {
    return `unexpected statuses ${unexpected.map(([status, count]) => `${status}×${count}`).join(', ')}`;
  }
  if (load.requests === 0) return 'no responses';
  if (load.errors + load.timeouts > load.requests * ERROR_SHARE_LIMIT) {
    return `${load.errors} errors and ${load.timeouts} timeouts in ${load.requests} requests`;
  }
  return null;
}

/**
 * Measures `contender` on `scenario` in a fresh process. Rejects with a {@link MeasurementError} when the
 * server does not start, answers differently from the other contenders, or fails under load.
 *
 * @example
 * ```ts
 * const numbers = await measure(contender, scenario, { warmupSeconds: 2, durationSeconds: 4, connections: 100 });
 * console.log(numbers.rps, numbers.rss_mb);
 * ```
 */
export async function measure(
  contender: Contender,
  scenario: Scenario,
  settings: LoadSettings,
): Promise<MeasuredNumbers> {
  const server = await startContender(contender, { core: SERVER_CORE }).catch((error: unknown) => {
    throw new MeasurementError(error instanceof Error ? error.message : String(error), 'start');
  });
  const usage = watchProcessUsage(server.pid);
  try {
    const mismatches = answerMismatches(scenario.expected, await fetchAnswer(server.url, scenario.request));
    if (mismatches.length > 0) throw new MeasurementError(`wrong answer: ${mismatches.join('; ')}`, 'answer');

    const cpuBefore = await usage.cpuSeconds();
    const startedAt = performance.now();
    const load = await runLoad({ url: server.url, request: scenario.request, core: LOAD_CORE, ...settings });
    const elapsedSeconds = (performance.now() - startedAt) / 1000;
    const cpuAfter = await usage.cpuSeconds();
    const problem = loadProblem(scenario, load);
    if (problem)
      throw new MeasurementError(`${problem}${server.stderr() ? `\n${server.stderr()}` : ''}`, 'load');

    const peak = await usage.peakMb();
    return {
      rps: load.rps,
      p50_ms: load.p50_ms,
      p99_ms: load.p99_ms,
      rss_mb: peak === null ? null : roundTo(peak, 2),
      server_cpu:
        cpuBefore === null || cpuAfter === null ? null : roundTo((cpuAfter - cpuBefore) / elapsedSeconds, 2),
      requests: load.requests,
      errors: load.errors,
      timeouts: load.timeouts,
      statuses: load.statuses,
    };
  } finally {
    usage.stop();
    await server.stop();
  }
}
