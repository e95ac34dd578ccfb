/**
 * One contender serving one scenario for one round: a fresh server process, its answer checked, warmed
 * up, then measured in short slices that the harness interleaves with the other contenders' slices.
 * Keeps the server's peak RSS and its CPU use over the measured slices.
 */
import { answerMismatches, fetchAnswer } from './answer-check.js';
import type { Contender } from './contenders.js';
import { LOAD_CORE, SERVER_CORE } from './cpu-pinning.js';
import { waitForQuietCore } from './environment.js';
import { type LoadResult, runLoad } from './load-generator.js';
import type { LoadRunner, LoadWorker } from './load-worker.js';
import { preparedRequest } from './prepared-request.js';
import { watchProcessUsage } from './process-usage.js';
import type { BenchRequest, Scenario } from './scenarios.js';
import { startContender } from './server-process.js';
import { median, roundTo } from './statistics.js';

/** The load settings of a measurement. */
export interface LoadSettings {
  readonly warmupSeconds: number;
  /** Measured seconds per contender, scenario and round, split into slices of `sliceSeconds`. */
  readonly durationSeconds: number;
  readonly sliceSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
}

/** The numbers one measurement gave: requests/s over all its slices, latencies the slices' medians. */
export interface MeasuredNumbers {
  readonly rps: number;
  /** Requests/s of each slice, in the order measured: slice `k` of every contender ran in the same cycle. */
  readonly slices: readonly number[];
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  /** Peak RSS of the server process over its life (MiB). */
  readonly rss_mb: number | null;
  /** The server's CPU time over the load, in cores (1 = one core busy all the time). */
  readonly server_cpu: number | null;
  /** The load generator's CPU time over the load, in cores: near 1, the client limits the rate too. */
  readonly load_cpu: number | null;
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
 * How many slices a measurement of `settings` takes: its measured seconds over the slice length.
 *
 * @example
 * ```ts
 * sliceCount({ durationSeconds: 3, sliceSeconds: 1, ... }); // 3
 * ```
 */
export function sliceCount(settings: Pick<LoadSettings, 'durationSeconds' | 'sliceSeconds'>): number {
  return Math.max(1, Math.round(settings.durationSeconds / settings.sliceSeconds));
}

/** A contender's server, up and answering right for one scenario, waiting for its turns under load. */
export interface LiveCell {
  /** Load that is not measured, so JIT and heap reach their working state. */
  warmUp(): Promise<void>;
  /** One measured slice; rejects with a {@link MeasurementError} (stage `load`) on a broken run. */
  measureSlice(): Promise<void>;
  /** The numbers of the slices so far, with the server's peak RSS. */
  result(): Promise<MeasuredNumbers>;
  stop(): Promise<void>;
}

/** Where a cell's load comes from, and which core must be quiet before each load. */
export interface CellOptions {
  /** The run's {@link LoadWorker}, or by default an autocannon process per load. */
  readonly runner?: LoadRunner;
  /** Waits (up to 5 s) for this core to go quiet before each load: the last server may still be busy. */
  readonly quietCore?: number | null;
  /** Set in the server's environment besides the harness's own (`BENCH_ROUTES` for router scale). */
  readonly env?: Readonly<Record<string, string>>;
}

const QUIET_TIMEOUT_MS = 5000;

const failureText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Starts a contender for a scenario; replaced in tests. */
export type OpenCell = (
  contender: Contender,
  scenario: Scenario,
  settings: LoadSettings,
  options?: Pick<CellOptions, 'env'>,
) => Promise<LiveCell>;

/**
 * Starts `contender` for `scenario` in a fresh process and checks its answer. Rejects with a
 * {@link MeasurementError} when the server does not start or answers differently from the others.
 *
 * @example
 * ```ts
 * const cell = await openCell(contender, scenario, settings);
 * await cell.warmUp();
 * await cell.measureSlice();
 * console.log((await cell.result()).rps);
 * await cell.stop();
 * ```
 */
export async function openCell(
  contender: Contender,
  scenario: Scenario,
  settings: LoadSettings,
  { runner = runLoad, quietCore = null, env = {} }: CellOptions = {},
): Promise<LiveCell> {
  // A multi-process contender gets every core, the load generator's one included (see the worker table).
  const core = contender.multiProcess ? 'all' : SERVER_CORE;
  const server = await startContender(contender, { core, env }).catch((error: unknown) => {
    throw new MeasurementError(error instanceof Error ? error.message : String(error), 'start');
  });
  const usage = watchProcessUsage(server.pid, { tree: contender.multiProcess === true });
  const stop = async () => {
    usage.stop();
    await server.stop();
  };
  let request: BenchRequest;
  try {
    request = await preparedRequest(scenario, (setup) => fetchAnswer(server.url, setup)).catch(
      (error: unknown) => {
        throw new MeasurementError(failureText(error), 'answer');
      },
    );
    const mismatches = answerMismatches(scenario.expected, await fetchAnswer(server.url, request));
    if (mismatches.length > 0) throw new MeasurementError(`wrong answer: ${mismatches.join('; ')}`, 'answer');
  } catch (error) {
    await stop();
    throw error;
  }

  const quiet = async () => {
    if (quietCore !== null) await waitForQuietCore(quietCore, QUIET_TIMEOUT_MS);
  };
  const load = { url: server.url, request, core: LOAD_CORE, ...settings };
  const slices: LoadResult[] = [];
  let cpuSeconds: number | null = 0;
  let loadSeconds = 0;
  return {
    async warmUp() {
      await quiet();
      await runner({ ...load, warmupSeconds: 0, durationSeconds: settings.warmupSeconds });
    },
    async measureSlice() {
      await quiet();
      const cpuBefore = await usage.cpuSeconds();
      const slice = await runner({ ...load, warmupSeconds: 0, durationSeconds: settings.sliceSeconds });
      // Over autocannon's own time under load, not the IPC round trip and the quiet wait around it.
      loadSeconds += slice.durationSeconds;
      const cpuAfter = await usage.cpuSeconds();
      cpuSeconds =
        cpuSeconds === null || cpuBefore === null || cpuAfter === null
          ? null
          : cpuSeconds + cpuAfter - cpuBefore;
      const problem = loadProblem(scenario, slice);
      if (problem)
        throw new MeasurementError(`${problem}${server.stderr() ? `\n${server.stderr()}` : ''}`, 'load');
      slices.push(slice);
    },
    async result() {
      const peak = await usage.peakMb();
      return combineSlices(slices, {
        rss_mb: peak === null ? null : roundTo(peak, 2),
        server_cpu: cpuSeconds === null || loadSeconds === 0 ? null : roundTo(cpuSeconds / loadSeconds, 2),
      });
    },
    stop,
  };
}

/**
 * One measurement from its slices: requests/s over their whole time, the medians of their latencies,
 * and the statuses and errors summed.
 *
 * @example
 * ```ts
 * combineSlices(slices, { rss_mb: 80, server_cpu: 0.95 }).rps;
 * ```
 */
export function combineSlices(
  slices: readonly LoadResult[],
  usage: Pick<MeasuredNumbers, 'rss_mb' | 'server_cpu'>,
): MeasuredNumbers {
  const sum = (pick: (slice: LoadResult) => number) =>
    slices.reduce((total, slice) => total + pick(slice), 0);
  const statuses: Record<string, number> = {};
  for (const slice of slices) {
    for (const [status, count] of Object.entries(slice.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  }
  const seconds = sum((slice) => slice.durationSeconds);
  const requests = sum((slice) => slice.requests);
  const loadCpu = slices.every((slice) => slice.loadCpuSeconds !== null)
    ? sum((slice) => slice.loadCpuSeconds ?? 0)
    : null;
  return {
    rps: seconds > 0 ? roundTo(requests / seconds, 1) : 0,
    slices: slices.map((slice) => roundTo(slice.requests / slice.durationSeconds, 1)),
    p50_ms: median(slices.map((slice) => slice.p50_ms)),
    p99_ms: median(slices.map((slice) => slice.p99_ms)),
    ...usage,
    load_cpu: loadCpu === null || seconds === 0 ? null : roundTo(loadCpu / seconds, 2),
    requests,
    errors: sum((slice) => slice.errors),
    timeouts: sum((slice) => slice.timeouts),
    statuses,
  };
}
