/**
 * What a load is and what it gave: the harness's load options as autocannon options, and autocannon's
 * JSON report as the numbers the harness keeps.
 */
import type { AutocannonOptions } from 'autocannon';
import type { BenchRequest } from './scenarios.js';

/** How to load the server: for a duration (after a warm-up), or for a fixed number of requests. */
export interface LoadOptions {
  readonly url: string;
  readonly request: BenchRequest;
  readonly connections: number;
  /** Requests in flight per connection (HTTP/1.1 pipelining); 1 for none. */
  readonly pipelining?: number;
  /** Seconds to measure; ignored when `amount` is set. */
  readonly durationSeconds?: number;
  /** Seconds of unmeasured load before measuring (same connections); 0 for none. */
  readonly warmupSeconds?: number;
  /** Send exactly this many requests instead of loading for a duration. */
  readonly amount?: number;
  /** The core to pin autocannon to, or `null`. */
  readonly core: number | null;
}

/** What one measured load run gave. Latencies are in milliseconds, `null` where the generator has none. */
export interface LoadResult {
  readonly rps: number;
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly durationSeconds: number;
  /**
   * CPU seconds the load generator used for this load (its warm-up included), or `null` when not known.
   * Near one core, the client is as busy as the server: the numbers are then partly the client's limit.
   */
  readonly loadCpuSeconds: number | null;
}

/** The part of autocannon's `--json` report the harness reads. */
interface AutocannonReport {
  duration: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
  latency: { p50: number; p99: number };
  requests: { average: number; total: number };
}

/**
 * A load as options of autocannon's programmatic API, which the load worker runs.
 *
 * @example
 * ```ts
 * autocannon(autocannonOptions({ url, request, connections: 100, durationSeconds: 1, core: null }), done);
 * ```
 */
export function autocannonOptions(options: LoadOptions): AutocannonOptions {
  const { request } = options;
  const pipelining = options.pipelining ?? 1;
  return {
    url: new URL(request.path, options.url).href,
    connections: options.connections,
    pipelining,
    ...(options.amount !== undefined
      ? { amount: options.amount }
      : { duration: options.durationSeconds ?? 10 }),
    ...(options.warmupSeconds
      ? { warmup: { connections: options.connections, pipelining, duration: options.warmupSeconds } }
      : {}),
    method: request.method,
    headers: { ...request.headers },
    ...(request.body !== undefined ? { body: request.body } : {}),
  };
}

/**
 * Parses autocannon's `--json` output: the last line is the measured run (a warm-up adds a line before it).
 *
 * @example
 * ```ts
 * parseAutocannonOutput('{"duration":1,"errors":0,...}\n').rps;
 * ```
 */
export function parseAutocannonOutput(stdout: string): LoadResult {
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  const report = JSON.parse(lastLine) as AutocannonReport;
  const statuses = Object.fromEntries(
    Object.entries(report.statusCodeStats ?? {}).map(([status, { count }]) => [status, count]),
  );
  return {
    rps: report.requests.average,
    p50_ms: report.latency.p50,
    p99_ms: report.latency.p99,
    requests: report.requests.total,
    errors: report.errors,
    timeouts: report.timeouts,
    statuses,
    durationSeconds: report.duration,
    loadCpuSeconds: null,
  };
}
