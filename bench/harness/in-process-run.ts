/**
 * `pnpm bench --in-process`: every contender on every scenario through the in-process measurement
 * (`in-process.ts`). Per round and scenario each contender gets a process of its own, pinned to the
 * server core, and the processes take turns: warm-ups first, then batch 1 of each, batch 2 of each...
 * in an order drawn anew each turn, as the socket run takes its slices. The result is the time each
 * contender's JavaScript and Node's HTTP objects take per request, and its cost over bare `node:http`
 * and over Fastify: what each layer costs, without the sockets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BASELINES, type Contender, type ContenderId, nodeLoaderArgs } from './contenders.js';
import { pinnedCommand } from './cpu-pinning.js';
import type { MachineInfo } from './environment.js';
import type { InProcessJob, InProcessNumbers, InProcessReply, InProcessTiming } from './in-process.js';
import { pairedRatio } from './results.js';
import { attempt, failureMessage, shuffle } from './rounds.js';
import { answers, cellCount, type Scenario, type ScenarioId } from './scenarios.js';
import { median } from './statistics.js';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const MAIN = fileURLToPath(new URL('./in-process-main.ts', import.meta.url));
const STDERR_TAIL_CHARS = 2_000;
const STOP_TIMEOUT_MS = 3_000;

/** One contender on one scenario in one round: the time per request of each batch, in order. */
export type InProcessRecord = {
  readonly round: number;
  readonly scenario: ScenarioId;
  readonly contender: ContenderId;
} & (
  | { readonly ok: true; readonly slices: readonly number[]; readonly requests: number }
  | { readonly ok: false; readonly error: string }
);

/** One contender on one scenario over the rounds: its time per request, and its cost ratios. */
export interface InProcessCell {
  /** The median batch over all rounds, in nanoseconds. */
  readonly ns_per_request: number;
  readonly rounds: number;
  /**
   * The median of this contender's batch time over bare node:http's batch of the same turn (1.3 = 30 %
   * more work per request); paired, so a slow phase of the machine weighs on both sides.
   */
  readonly cost_vs_node_http: number | null;
  /** The same over Fastify's (below 1: less work per request than Fastify). */
  readonly cost_vs_fastify: number | null;
}

export interface InProcessResults {
  readonly kind: 'in-process';
  readonly date: string;
  readonly timing: InProcessTiming & { readonly rounds: number };
  readonly server_core: number | null;
  readonly machine: MachineInfo;
  readonly versions: Readonly<Record<string, string>>;
  readonly elapsed_seconds: number;
  readonly scenarios: ReadonlyArray<Pick<Scenario, 'id' | 'title' | 'description'>>;
  readonly contenders: ReadonlyArray<Pick<Contender, 'id' | 'label'>>;
  readonly results: Readonly<Record<string, Readonly<Record<string, InProcessCell | { error: string }>>>>;
  readonly rounds: readonly InProcessRecord[];
}

export interface InProcessPlan {
  readonly scenarios: readonly Scenario[];
  readonly contenders: readonly Contender[];
  readonly rounds: number;
  readonly timing: InProcessTiming;
  /** The core the measuring processes are pinned to, or `null` to leave them unpinned. */
  readonly core: number | null;
}

/** A measuring process, ready (its answer checked), waiting for its turns. */
export interface InProcessCellProcess {
  warmUp(): Promise<void>;
  measure(): Promise<InProcessNumbers>;
  stop(): Promise<void>;
}

/** Starts the measuring process of one cell; replaced in tests. */
export type OpenInProcessCell = (
  contender: Contender,
  scenario: Scenario,
  plan: InProcessPlan,
) => Promise<InProcessCellProcess>;

/**
 * Starts `in-process-main.ts` for `contender` and `scenario` and resolves once it checked its answer;
 * rejects with the wrong answer, or with the process's stderr when it fails.
 *
 * @example
 * ```ts
 * const cell = await openChildCell(contender, scenario, plan);
 * await cell.warmUp();
 * console.log((await cell.measure()).ns_per_request);
 * await cell.stop();
 * ```
 */
export const openChildCell: OpenInProcessCell = async (contender, scenario, plan) => {
  const [command, args] = pinnedCommand(plan.core, process.execPath, [
    ...nodeLoaderArgs(),
    MAIN,
    contender.file,
    scenario.id,
  ]);
  const child = spawn(command, args, {
    cwd: BENCH_DIR,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const replies = replyQueue(child);
  const first = await replies.next();
  const ask = async (job: InProcessJob): Promise<InProcessReply> => {
    child.send(job);
    return replies.next();
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  if ('mismatches' in first) {
    await stop();
    throw new Error(`wrong answer: ${first.mismatches.join('; ')}`);
  }
  return {
    async warmUp() {
      await ask({ warmUp: plan.timing.warmupMs });
    },
    async measure() {
      const reply = await ask({ measure: plan.timing.batchMs });
      if (!('measured' in reply)) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
      return { ns_per_request: reply.ns_per_request, requests: reply.requests };
    },
    stop,
  };
};

/** The process's replies in order; once it exited, every wait rejects with its stderr. */
function replyQueue(child: ChildProcess): { next(): Promise<InProcessReply> } {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  let waiting: { resolve(reply: InProcessReply): void; reject(error: Error): void } | null = null;
  let exit: Error | null = null;
  child.on('message', (reply: InProcessReply) => {
    const current = waiting;
    waiting = null;
    current?.resolve(reply);
  });
  child.once('exit', (code, signal) => {
    exit = new Error(`exited with ${code ?? signal}: ${stderr.trim() || 'no output'}`);
    waiting?.reject(exit);
    waiting = null;
  });
  child.once('error', (error) => {
    exit = error;
    waiting?.reject(error);
    waiting = null;
  });
  return {
    next: () =>
      exit !== null
        ? Promise.reject(exit)
        : new Promise((resolve, reject) => {
            waiting = { resolve, reject };
          }),
  };
}

/** A contender of the scenario being measured: its process, batches so far, or its failure. */
interface Entry {
  readonly contender: Contender;
  cell?: InProcessCellProcess;
  failure?: unknown;
  readonly slices: number[];
  requests: number;
}

/**
 * Runs the plan and returns every record. A contender that fails (a wrong answer, a crash) is recorded
 * with its error for that round and scenario, and tried again in the next.
 *
 * @example
 * ```ts
 * const records = await runInProcess(plan, console.error);
 * ```
 */
export async function runInProcess(
  plan: InProcessPlan,
  log: (line: string) => void,
  open: OpenInProcessCell = openChildCell,
): Promise<InProcessRecord[]> {
  const records: InProcessRecord[] = [];
  const total = plan.rounds * cellCount(plan.scenarios, plan.contenders);
  for (let round = 1; round <= plan.rounds; round++) {
    for (const [index, scenario] of plan.scenarios.entries()) {
      const seed = round * 10_000 + index * 100;
      const contenders = plan.contenders.filter((contender) => answers(contender.id, scenario));
      const entries: Entry[] = shuffle(contenders, seed).map((contender) => ({
        contender,
        slices: [],
        requests: 0,
      }));
      // Started one at a time: a process compiling its contender would slow whoever is measuring.
      for (const entry of entries) {
        await attempt(entry, async () => {
          entry.cell = await open(entry.contender, scenario, plan);
        });
      }
      const live = () => entries.filter((entry) => entry.cell !== undefined && entry.failure === undefined);
      for (const entry of live()) await attempt(entry, () => entry.cell!.warmUp());
      // Turn 0 is not kept: a process's first batch after sitting out the others' warm-ups ran 10-30 %
      // slower than the rest in every cell of the first runs.
      for (let batch = 0; batch <= plan.timing.batches; batch++) {
        for (const entry of shuffle(live(), seed + batch + 1)) {
          await attempt(entry, async () => {
            const numbers = await entry.cell!.measure();
            if (batch === 0) return;
            entry.slices.push(numbers.ns_per_request);
            entry.requests += numbers.requests;
          });
        }
      }
      for (const entry of entries) {
        const where = { round, scenario: scenario.id, contender: entry.contender.id };
        const label = `[${records.length + 1}/${total}] in-process round ${round} ${scenario.id} ${entry.contender.id}`;
        if (entry.failure === undefined) {
          records.push({ ...where, ok: true, slices: entry.slices, requests: entry.requests });
          const ns = entry.slices.map((value) => value.toLocaleString('en')).join(' / ');
          log(`${label}: ${ns} ns per request`);
        } else {
          const message = failureMessage(entry.failure);
          records.push({ ...where, ok: false, error: message });
          log(`${label}: FAILED ${message}`);
        }
        await entry.cell?.stop();
      }
    }
  }
  return records;
}

/**
 * Each cell's median batch and its cost ratios, paired batch by batch with the baselines.
 *
 * @example
 * ```ts
 * summarizeInProcess(records, scenarios, contenders).plaintext?.flagon; // { ns_per_request: 2200, ... }
 * ```
 */
export function summarizeInProcess(
  records: readonly InProcessRecord[],
  scenarios: readonly Pick<Scenario, 'id' | 'contenders'>[],
  contenders: readonly Pick<Contender, 'id'>[],
): InProcessResults['results'] {
  const results: Record<string, Record<string, InProcessCell | { error: string }>> = {};
  for (const scenario of scenarios) {
    const of = (id: ContenderId) =>
      records.filter((record) => record.scenario === scenario.id && record.contender === id);
    const cells: Record<string, InProcessCell | { error: string }> = {};
    for (const { id } of contenders) {
      if (!answers(id, scenario)) continue;
      const own = of(id);
      const ns = median(own.flatMap((record) => (record.ok ? record.slices : [])));
      if (ns === null) {
        const failure = own.find((record) => !record.ok);
        cells[id] = { error: failure && !failure.ok ? failure.error : 'not measured' };
        continue;
      }
      cells[id] = {
        ns_per_request: Math.round(ns),
        rounds: own.filter((record) => record.ok).length,
        cost_vs_node_http: pairedRatio(own, of(BASELINES.limit)),
        cost_vs_fastify: pairedRatio(own, of(BASELINES.framework)),
      };
    }
    results[scenario.id] = cells;
  }
  return results;
}
