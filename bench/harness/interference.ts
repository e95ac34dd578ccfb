/**
 * Telling when the machine is slowed down by something outside it. On the shared 2-core machine the
 * benchmark runs on, phases of 10 to 60 s come and go in which every server runs 1.3-2x slower, with its
 * CPU just as busy: a neighbour contending for memory bandwidth and cache. A pure ALU loop does not see
 * them; random reads over a large array and an allocation-heavy loop do (measured: 6.5 ms fast against
 * 8.5-9.3 ms slow for the first, 7-8 against 10-12 for the second, the machine otherwise idle).
 *
 * The harness probes before and after each measurement, waits for a quiet machine before measuring and
 * measures again when the machine turned noisy meanwhile, so the medians compare code, not phases.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { median, roundTo } from './statistics.js';

/** A reading: how slow the probe ran, relative to the fastest reading of the run (1.0 = as fast). */
export interface ProbeReading {
  readonly slowdown: number;
  readonly quiet: boolean;
}

/** What the rounds ask of the machine around each measurement; replaced in tests. */
export interface InterferenceGate {
  /** Waits (up to a limit) until the machine is quiet; the reading it measured on. */
  waitForQuiet(): Promise<ProbeReading>;
  /** A reading now, right after a measurement. */
  read(): Promise<ProbeReading>;
}

/** A reading this much slower than the fastest one counts as interference. */
export const QUIET_LIMIT = 1.15;

const ARRAY_LENGTH = 16 * 1024 * 1024; // 64 MiB of Int32: far beyond any cache
const RANDOM_READS = 1_000_000;
const ALLOCATIONS = 200_000;
const SAMPLES = 3;

let memory: Int32Array | undefined;

function randomReads(): number {
  memory ??= new Int32Array(ARRAY_LENGTH).map((_, index) => Math.imul(index, 2654435761));
  const mask = ARRAY_LENGTH - 1;
  let sum = 0;
  let index = 1;
  for (let i = 0; i < RANDOM_READS; i++) {
    index = (Math.imul(index, 1103515245) + 12345) & mask;
    sum += memory[index] as number;
  }
  return sum;
}

function allocations(): number {
  const kept: object[] = [];
  for (let i = 0; i < ALLOCATIONS; i++) {
    const record = { i, name: `k${i}`, pair: [i, i + 1] };
    if (i % 100 === 0) kept.push(record);
  }
  return kept.length;
}

/** Milliseconds of one probe: the median of a few samples, so a single scheduling hiccup does not count. */
function probeMs(): number {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const startedAt = performance.now();
    randomReads();
    allocations();
    samples.push(performance.now() - startedAt);
  }
  return median(samples) ?? 0;
}

/**
 * The real gate: probes in the harness process (on the load core, idle between measurements). The
 * reference is the fastest probe seen so far, so a run that starts in a slow phase learns the fast
 * speed as soon as it sees it.
 *
 * @example
 * ```ts
 * const gate = createInterferenceGate({ maxWaitSeconds: 60 });
 * const before = await gate.waitForQuiet();
 * // ... measure ...
 * const after = await gate.read();
 * ```
 */
export function createInterferenceGate(options: { maxWaitSeconds: number }): InterferenceGate {
  let fastest = Number.POSITIVE_INFINITY;
  const read = async (): Promise<ProbeReading> => {
    const ms = probeMs();
    fastest = Math.min(fastest, ms);
    const slowdown = roundTo(ms / fastest, 2);
    return { slowdown, quiet: slowdown <= QUIET_LIMIT };
  };
  // Two probes warm the JIT up; three more give a first reference.
  for (let i = 0; i < 5; i++) {
    const ms = probeMs();
    if (i >= 2) fastest = Math.min(fastest, ms);
  }
  return {
    read,
    async waitForQuiet() {
      const deadline = performance.now() + options.maxWaitSeconds * 1000;
      for (;;) {
        const reading = await read();
        if (reading.quiet || performance.now() >= deadline) return reading;
        await sleep(500);
      }
    },
  };
}

/** A gate that never waits and always reads quiet: for tests, and for `--no-gate`. */
export const NO_GATE: InterferenceGate = {
  waitForQuiet: async () => ({ slowdown: 1, quiet: true }),
  read: async () => ({ slowdown: 1, quiet: true }),
};
