/**
 * The load from wrk instead of autocannon (`pnpm bench --load wrk`), as a cross-check: wrk is written in
 * C and spends a fraction of autocannon's CPU per request, so on two cores it shows whether a busy
 * autocannon squeezed the ratios. A Lua script pipelines the requests, counts the statuses, and prints
 * one JSON line the harness reads.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pinnedCommand } from './cpu-pinning.js';
import type { LoadOptions, LoadResult } from './load-report.js';

/** The prefix of the line the script's `done()` prints. */
export const WRK_REPORT_PREFIX = 'FLAGON-WRK ';

/**
 * Whether a `wrk` command is on the PATH (Debian: `apt-get install wrk`).
 *
 * @example
 * ```ts
 * if (!wrkAvailable()) throw new Error('--load wrk needs wrk');
 * ```
 */
export function wrkAvailable(): boolean {
  return !spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error;
}

/**
 * The Lua script for a load: method, headers and body of the request (the body read from `bodyFile`),
 * `pipelining` requests sent back to back, every response's status counted.
 *
 * @example
 * ```ts
 * await writeFile(script, wrkScript({ ...options, pipelining: 10 }, bodyFile));
 * ```
 */
export function wrkScript(options: LoadOptions, bodyFile: string | null): string {
  const { request } = options;
  const headers = Object.entries(request.headers ?? {}).map(
    ([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`,
  );
  return [
    `wrk.method = ${JSON.stringify(request.method)}`,
    ...headers,
    ...(bodyFile === null
      ? []
      : [
          `local file = io.open(${JSON.stringify(bodyFile)}, "rb")`,
          'wrk.body = file:read("*a")',
          'file:close()',
        ]),
    'local threads = {}',
    'setup = function(thread) table.insert(threads, thread) end',
    'local pipelined',
    'init = function(args)',
    '  local batch = {}',
    `  for i = 1, ${options.pipelining ?? 1} do batch[i] = wrk.format() end`,
    '  pipelined = table.concat(batch)',
    'end',
    'request = function() return pipelined end',
    'statuses = {}',
    'response = function(status) statuses[status] = (statuses[status] or 0) + 1 end',
    'done = function(summary, latency, requests)',
    '  local counts = {}',
    '  for _, thread in ipairs(threads) do',
    '    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end',
    '  end',
    '  local parts = {}',
    `  for status, n in pairs(counts) do table.insert(parts, string.format('"%d":%d', status, n)) end`,
    '  local e = summary.errors',
    `  io.write(string.format('${WRK_REPORT_PREFIX}{"requests":%d,"duration_us":%d,"errors":%d,"timeouts":%d,' ..`,
    `    '"p50_us":%.1f,"p99_us":%.1f,"statuses":{%s}}\\n', summary.requests, summary.duration,`,
    '    e.connect + e.read + e.write, e.timeout, latency:percentile(50), latency:percentile(99),',
    '    table.concat(parts, ",")))',
    'end',
    '',
  ].join('\n');
}

interface WrkReport {
  readonly requests: number;
  readonly duration_us: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly p50_us: number;
  readonly p99_us: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/**
 * The numbers of wrk's output: the JSON line the script printed. Latencies are in milliseconds with one
 * decimal (autocannon's are whole milliseconds); wrk 4.1 reports 0 for high percentiles when requests
 * are pipelined (its histogram loses samples), and a 0 is kept as unknown (`null`), not as 0 ms. The
 * load generator's CPU is not known here.
 *
 * @example
 * ```ts
 * parseWrkOutput('FLAGON-WRK {"requests":1000,"duration_us":1000000,...}\n').rps; // 1000
 * ```
 */
export function parseWrkOutput(stdout: string): LoadResult {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(WRK_REPORT_PREFIX));
  if (line === undefined) throw new Error(`wrk printed no report:\n${stdout.slice(0, 2000)}`);
  const report = JSON.parse(line.slice(WRK_REPORT_PREFIX.length)) as WrkReport;
  const seconds = report.duration_us / 1e6;
  return {
    rps: seconds > 0 ? report.requests / seconds : 0,
    p50_ms: milliseconds(report.p50_us),
    p99_ms: milliseconds(report.p99_us),
    requests: report.requests,
    errors: report.errors,
    timeouts: report.timeouts,
    statuses: report.statuses,
    durationSeconds: seconds,
    loadCpuSeconds: null,
  };
}

const milliseconds = (us: number) => (us > 0 ? Math.round(us / 100) / 10 : null);

/** wrk takes whole seconds. */
const wholeSeconds = (seconds: number) => `${Math.max(1, Math.round(seconds))}s`;

async function wrkOnce(options: LoadOptions, script: string, seconds: number): Promise<string> {
  const url = new URL(options.request.path, options.url).href;
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${wholeSeconds(seconds)}`,
    '--timeout',
    '10s',
    '-s',
    script,
    url,
  ];
  const [command, argv] = pinnedCommand(options.core, 'wrk', args);
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`wrk exited with ${code}: ${stderr.trim() || stdout.trim()}`);
  return stdout;
}

/**
 * Runs one load with wrk (a warm-up run first when asked) and resolves with the measured numbers. A
 * load of a fixed number of requests (the soak's) is autocannon's only.
 *
 * @example
 * ```ts
 * const result = await runWrk({ url, request: { method: 'GET', path: '/' }, connections: 100,
 *   pipelining: 10, durationSeconds: 1, core: LOAD_CORE });
 * ```
 */
export async function runWrk(options: LoadOptions): Promise<LoadResult> {
  if (options.amount !== undefined)
    throw new Error('wrk loads for a duration; a fixed request count needs autocannon');
  const dir = await mkdtemp(join(tmpdir(), 'flagon-wrk-'));
  try {
    const body = options.request.body;
    const bodyFile = body === undefined ? null : join(dir, 'body');
    if (bodyFile !== null) await writeFile(bodyFile, body ?? '');
    const script = join(dir, 'load.lua');
    await writeFile(script, wrkScript(options, bodyFile));
    if (options.warmupSeconds) await wrkOnce(options, script, options.warmupSeconds);
    return parseWrkOutput(await wrkOnce(options, script, options.durationSeconds ?? 10));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
