/**
 * One autocannon process for a whole run. Spawning autocannon per measurement made every slice start
 * with a cold load generator: its first second reached 70–85 % of the rate it reached after warming,
 * which on 1-s slices left the server idle a fifth of the time. This worker is started once, pinned to
 * the load core, and runs each load the harness asks for over IPC, its JIT warm from the first one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pinnedCommand } from './cpu-pinning.js';
import { type LoadOptions, type LoadResult, parseAutocannonOutput } from './load-report.js';

const WORKER_MAIN = fileURLToPath(new URL('./load-worker-main.ts', import.meta.url));
// Where `--import tsx` resolves from, as for the contenders.
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A load request to the worker, and its answer: autocannon's report as JSON, or why it failed. */
export interface LoadJob {
  readonly id: number;
  readonly options: LoadOptions;
}
export type LoadReply =
  | { readonly id: number; readonly report: string; readonly cpuSeconds: number }
  | { readonly id: number; readonly error: string };

/** Runs one load; a {@link LoadWorker}'s `run`, or `runLoad` for a one-off autocannon process. */
export type LoadRunner = (options: LoadOptions) => Promise<LoadResult>;

/**
 * The long-lived load generator.
 *
 * @example
 * ```ts
 * const worker = await LoadWorker.start(LOAD_CORE);
 * const result = await worker.run({ url, request, connections: 100, durationSeconds: 1, core: LOAD_CORE });
 * await worker.stop();
 * ```
 */
export class LoadWorker {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve(result: LoadResult): void; reject(error: Error): void }>();
  #nextId = 1;
  #exited: Error | null = null;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (reply: LoadReply) => {
      const job = this.#pending.get(reply.id);
      if (job === undefined) return;
      this.#pending.delete(reply.id);
      if ('error' in reply) job.reject(new Error(`autocannon failed: ${reply.error}`));
      else job.resolve({ ...parseAutocannonOutput(reply.report), loadCpuSeconds: reply.cpuSeconds });
    });
    child.once('exit', (code, signal) => {
      this.#exited = new Error(`the load worker exited (${signal ?? `code ${code}`})`);
      for (const job of this.#pending.values()) job.reject(this.#exited);
      this.#pending.clear();
    });
  }

  /** Starts the worker on `core` (`null`: unpinned) and waits until it is ready for jobs. */
  static async start(core: number | null): Promise<LoadWorker> {
    const [command, args] = pinnedCommand(core, process.execPath, ['--import', 'tsx', WORKER_MAIN]);
    // autocannon rewrites the URL to localhost:$PORT when PORT is set; the harness gives it a full URL.
    const { PORT: _ignored, ...env } = process.env;
    const child = spawn(command, args, {
      cwd: BENCH_DIR,
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`the load worker exited before it was ready (${signal ?? `code ${code}`})`)),
      );
    });
    child.removeAllListeners('exit');
    child.removeAllListeners('error');
    return new LoadWorker(child);
  }

  /** Runs one load (`options.core` is ignored: the worker has its core). */
  run: LoadRunner = (options) => {
    if (this.#exited) return Promise.reject(this.#exited);
    const id = this.#nextId++;
    return new Promise<LoadResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const job: LoadJob = { id, options };
      this.#child.send(job);
    });
  };

  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#child.disconnect();
    await exited;
  }
}
