/**
 * What a result depends on besides the code: the machine (CPU model, cores, memory, OS) and the
 * versions of Node and of every package a contender runs.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Contender } from './contenders.js';
import { roundTo } from './statistics.js';

export interface MachineInfo {
  readonly cpu_model: string;
  readonly cores: number;
  readonly memory_mb: number;
  readonly os: string;
  /**
   * The 1-minute load average when the run started. It still counts work that ended up to a minute
   * before (a previous run, a test suite), so the report judges by {@link MachineInfo.busy_before_run}.
   */
  readonly load_average: number;
  /**
   * The share of all cores busy (0 to 1) in the seconds just before the run started, from `/proc/stat`;
   * `null` where `/proc` is missing. Above a few percent, something else was running.
   */
  readonly busy_before_run?: number | null;
}

/** Idle and total jiffies over all cores, from the first line of `/proc/stat`. */
async function cpuTimes(core: number | null = null): Promise<{ idle: number; total: number } | null> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => null);
  // The first line counts all cores; `cpuN` lines count one each.
  const name = core === null ? 'cpu' : `cpu${core}`;
  const line = stat?.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  const fields = line?.trim().split(/\s+/).slice(1).map(Number);
  if (!fields || fields.length < 5 || fields.some(Number.isNaN)) return null;
  // user nice system idle iowait irq softirq steal…: idle and iowait are the idle time.
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { idle, total: fields.reduce((sum, value) => sum + value, 0) };
}

/** How long to watch a core each time, and how busy it may be to count as quiet. */
const QUIET_WINDOW_MS = 100;
const QUIET_SHARE = 0.1;

/**
 * Waits until `core` has been at most 10 % busy over 100 ms, or `timeoutMs` passed; resolves with the
 * seconds waited (0 without `/proc/stat`). A server still working off a previous load (Express answers
 * pipelined requests for a second after its load generator stopped) would otherwise run into the next
 * contender's measurement.
 *
 * @example
 * ```ts
 * await waitForQuietCore(SERVER_CORE, 5000);
 * ```
 */
export async function waitForQuietCore(core: number, timeoutMs: number): Promise<number> {
  const startedAt = performance.now();
  let before = await cpuTimes(core);
  while (before !== null && performance.now() - startedAt < timeoutMs) {
    await sleep(QUIET_WINDOW_MS);
    const after = await cpuTimes(core);
    if (after === null || after.total <= before.total) break;
    if (1 - (after.idle - before.idle) / (after.total - before.total) <= QUIET_SHARE) break;
    before = after;
  }
  return roundTo((performance.now() - startedAt) / 1000, 2);
}

export async function busyShare(seconds: number): Promise<number | null> {
  const before = await cpuTimes();
  await sleep(seconds * 1000);
  const after = await cpuTimes();
  if (before === null || after === null || after.total <= before.total) return null;
  return roundTo(1 - (after.idle - before.idle) / (after.total - before.total), 3);
}

/**
 * The machine this process runs on.
 *
 * @example
 * ```ts
 * machineInfo().cores; // 2
 * ```
 */
export function machineInfo(busyBeforeRun: number | null = null): MachineInfo {
  return {
    cpu_model: cpus()[0]?.model.trim() ?? 'unknown',
    // Not availableParallelism(): it counts the cores this process is pinned to, not the machine's.
    cores: cpus().length,
    memory_mb: Math.round(totalmem() / 1024 / 1024),
    os: `${platform()} ${release()} ${arch()}`,
    load_average: roundTo(loadavg()[0] ?? 0, 2),
    busy_before_run: busyBeforeRun,
  };
}

// Packages are read from the bench package's node_modules, which is what the contenders load.
const NODE_MODULES = fileURLToPath(new URL('../node_modules/', import.meta.url));

function installedVersion(name: string): string {
  try {
    const manifest = JSON.parse(readFileSync(`${NODE_MODULES}${name}/package.json`, 'utf8')) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

/**
 * Node's version and the installed version of every package the given contenders (and the harness's
 * shared workload) depend on, by package name.
 *
 * @example
 * ```ts
 * versions(CONTENDERS).fastify; // "5.12.8"
 * ```
 */
export function versions(contenders: readonly Contender[]): Record<string, string> {
  const names = new Set([
    'autocannon',
    'eta',
    'zod',
    'tsx',
    ...contenders.flatMap((contender) => contender.packages),
  ]);
  return {
    node: process.version,
    ...Object.fromEntries([...names].sort().map((name) => [name, installedVersion(name)])),
  };
}
