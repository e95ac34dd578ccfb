/**
 * What a result depends on besides the code: the machine (CPU model, cores, memory, OS) and the
 * versions of Node and of every package a contender runs.
 */
import { readFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Contender } from './contenders.js';
import { roundTo } from './statistics.js';

export interface MachineInfo {
  readonly cpu_model: string;
  readonly cores: number;
  readonly memory_mb: number;
  readonly os: string;
  /** The 1-minute load average when the run started: well above 0 means something else was running. */
  readonly load_average: number;
}

/**
 * The machine this process runs on.
 *
 * @example
 * ```ts
 * machineInfo().cores; // 2
 * ```
 */
export function machineInfo(): MachineInfo {
  return {
    cpu_model: cpus()[0]?.model.trim() ?? 'unknown',
    // Not availableParallelism(): it counts the cores this process is pinned to, not the machine's.
    cores: cpus().length,
    memory_mb: Math.round(totalmem() / 1024 / 1024),
    os: `${platform()} ${release()} ${arch()}`,
    load_average: roundTo(loadavg()[0] ?? 0, 2),
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
