/**
 * The load: autocannon's CLI as a separate process (pinned to the load core), on loopback, with its
 * JSON report parsed into the numbers the harness keeps.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AutocannonOptions } from 'autocannon';
import { pinnedCommand } from './cpu-pinning.js';
import type { BenchRequest } from './scenarios.js';

const require = createRequire(import.meta.url);
const AUTOCANNON_CLI = join(dirname(require.resolve('autocannon/package.json')), 'autocannon.js');

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

/** What one measured load run gave. Latencies are autocannon's, in whole milliseconds. */
export interface LoadResult {
  readonly rps: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  readonly requests: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Responses by status code. */
  readonly statuses: Readonly<Record<string, number>>;
  readonly durationSeconds: number;
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
 * The same load as {@link autocannonArgs}, as options of autocannon's programmatic API (the load worker's).
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

function autocannonArgs(options: LoadOptions): string[] {
  const { request } = options;
  const pipelining = String(options.pipelining ?? 1);
  const args = [
    AUTOCANNON_CLI,
    '--json',
    '--connections',
    String(options.connections),
    '--pipelining',
    pipelining,
  ];
  if (options.amount !== undefined) args.push('--amount', String(options.amount));
  else args.push('--duration', String(options.durationSeconds ?? 10));
  if (options.warmupSeconds) {
    const warmup = ['-c', String(options.connections), '-p', pipelining, '-d', String(options.warmupSeconds)];
    args.push('--warmup', '[', ...warmup, ']');
  }
  args.push('--method', request.method);
  for (const [name, value] of Object.entries(request.headers ?? {}))
    args.push('--headers', `${name}=${value}`);
  if (request.body !== undefined) args.push('--body', request.body);
  args.push(new URL(request.path, options.url).href);
  return args;
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
  };
}

/**
 * Runs autocannon against `options.url` and resolves with the measured numbers.
 *
 * @example
 * ```ts
 * const result = await runLoad({ url, request: { method: 'GET', path: '/' }, connections: 100,
 *   warmupSeconds: 2, durationSeconds: 5, core: LOAD_CORE });
 * console.log(result.rps);
 * ```
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const [command, args] = pinnedCommand(options.core, process.execPath, autocannonArgs(options));
  const stdout = await new Promise<string>((resolve, reject) => {
    // autocannon rewrites the URL to localhost:$PORT when PORT is set; the harness gives it a full URL.
    const { PORT: _ignored, ...env } = process.env;
    execFile(command, args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, out, err) => {
      if (error) reject(new Error(`autocannon failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  return parseAutocannonOutput(stdout);
}
