/**
 * Pinning processes to cores with `taskset` (util-linux), so the server has core 0 to itself and the
 * load generator core 1. Without `taskset`, or with fewer than two cores, processes run unpinned and
 * the harness says so once.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** The core the server under test runs on, and the one the load generator runs on. */
export const SERVER_CORE = 0;
export const LOAD_CORE = 1;

/** Whether pinning works here, and why not when it does not. */
export interface PinningSupport {
  readonly available: boolean;
  readonly reason?: string;
}

let support: PinningSupport | undefined;

/**
 * Detects once whether `taskset` can pin to the two cores the harness uses.
 *
 * @example
 * ```ts
 * if (!pinningSupport().available) console.warn(pinningSupport().reason);
 * ```
 */
export function pinningSupport(): PinningSupport {
  if (support) return support;
  if (availableParallelism() < 2) {
    support = { available: false, reason: 'fewer than two cores: server and load share the CPU' };
  } else if (spawnSync('taskset', ['-V'], { stdio: 'ignore' }).error) {
    support = { available: false, reason: 'taskset not found (util-linux): processes run unpinned' };
  } else {
    support = { available: true };
  }
  return support;
}

/**
 * The command and arguments that run `command args` on `core` (`'all'`: on every core, whatever the
 * caller's own affinity), or unpinned when `core` is `null` or pinning is unavailable.
 *
 * @example
 * ```ts
 * const [cmd, argv] = pinnedCommand(SERVER_CORE, process.execPath, ['server.js']);
 * // ["taskset", ["-c", "0", "/usr/bin/node", "server.js"]]
 * ```
 */
export function pinnedCommand(
  core: number | 'all' | null,
  command: string,
  args: readonly string[],
): [string, string[]] {
  if (core === null || !pinningSupport().available) return [command, [...args]];
  const cores = core === 'all' ? `0-${availableParallelism() - 1}` : String(core);
  return ['taskset', ['-c', cores, command, ...args]];
}

/**
 * Pins the calling process (the harness) to `core`, so its bookkeeping stays off the server's core.
 * Returns false when that is not possible.
 *
 * @example
 * ```ts
 * pinCurrentProcess(LOAD_CORE);
 * ```
 */
export function pinCurrentProcess(core: number): boolean {
  if (!pinningSupport().available) return false;
  return spawnSync('taskset', ['-pc', String(core), String(process.pid)], { stdio: 'ignore' }).status === 0;
}
