/**
 * What the kernel tells about a process's memory and CPU time: peak and current RSS from
 * `/proc/<pid>/status`, CPU seconds from `/proc/<pid>/stat`. Where `/proc` is missing (macOS), RSS comes
 * from `ps` and a poller keeps the peak; CPU time is then unknown.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const hasProc = existsSync('/proc/self/status');
// Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream architecture.
const CLOCK_TICKS_PER_SECOND = 100;
const POLL_INTERVAL_MS = 200;

/** Reads the RSS numbers of a running process; `peakMb` covers the process's whole life. */
export interface ProcessUsage {
  /** Peak resident set size in MiB (VmHWM), or the highest sampled RSS where `/proc` is missing. */
  peakMb(): Promise<number | null>;
  /** Current resident set size in MiB (VmRSS). */
  currentMb(): Promise<number | null>;
  /** CPU seconds (user + system) used so far, or `null` where `/proc` is missing. */
  cpuSeconds(): Promise<number | null>;
  /** Stops the poller, if any. */
  stop(): void;
}

async function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1];
  return kb === undefined ? null : Number(kb) / 1024;
}

async function procCpuSeconds(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  // Fields after the command name (which may contain spaces) start at the last ')'; utime and stime
  // are fields 14 and 15 of the line, so 12 and 13 after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

async function psRssMb(pid: number): Promise<number | null> {
  const { stdout } = await promisify(execFile)('ps', ['-o', 'rss=', '-p', String(pid)]).catch(() => ({
    stdout: '',
  }));
  const kb = Number.parseInt(stdout.trim(), 10);
  return Number.isNaN(kb) ? null : kb / 1024;
}

/** `pid` and all its descendants, from the `children` file of each of its threads in `/proc`. */
export async function processTree(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const children = await Promise.all(
    tasks.map((task) => readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '')),
  );
  const ids = children.flatMap((text) => text.split(' ').filter(Boolean).map(Number));
  const below = await Promise.all(ids.map(processTree));
  return [pid, ...below.flat()];
}

/** `read` summed over `pid`'s process tree; `null` when it is unknown for `pid` itself. */
async function treeSum(pid: number, read: (pid: number) => Promise<number | null>): Promise<number | null> {
  const values = await Promise.all((await processTree(pid)).map(read));
  if (values[0] === null) return null;
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

/**
 * Starts watching the memory and CPU time of process `pid` (with `tree`: of it and its descendants,
 * summed: a supervisor and its workers; the peak RSS is then the sum of each process's own peak).
 *
 * @example
 * ```ts
 * const usage = watchProcessUsage(child.pid);
 * // ... load the server ...
 * console.log(await usage.peakMb());
 * usage.stop();
 * ```
 */
export function watchProcessUsage(pid: number, { tree = false }: { tree?: boolean } = {}): ProcessUsage {
  if (hasProc && tree) {
    return {
      peakMb: () => treeSum(pid, (each) => procStatusMb(each, 'VmHWM')),
      currentMb: () => treeSum(pid, (each) => procStatusMb(each, 'VmRSS')),
      cpuSeconds: () => treeSum(pid, procCpuSeconds),
      stop: () => {},
    };
  }
  if (hasProc) {
    return {
      peakMb: () => procStatusMb(pid, 'VmHWM'),
      currentMb: () => procStatusMb(pid, 'VmRSS'),
      cpuSeconds: () => procCpuSeconds(pid),
      stop: () => {},
    };
  }
  let peak: number | null = null;
  const sample = async () => {
    const rss = await psRssMb(pid);
    if (rss !== null && (peak === null || rss > peak)) peak = rss;
    return rss;
  };
  const poller = setInterval(() => void sample(), POLL_INTERVAL_MS);
  poller.unref();
  return {
    peakMb: async () => {
      await sample();
      return peak;
    },
    currentMb: sample,
    cpuSeconds: async () => null,
    stop: () => clearInterval(poller),
  };
}
