/**
 * Starting and stopping a contender: its server file in its own Node process (TypeScript through
 * `node --import tsx`, Bun for the Bun contenders, or the reference CLI with `--workers`), optionally pinned to a core, ready once it printed the port it listens on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BENCH_HOST, LISTENING_PREFIX } from '../contenders/listening.js';
import { type Contender, runtimeCommand } from './contenders.js';
import { pinnedCommand } from './cpu-pinning.js';

/** The bench package folder: tsx resolves from its node_modules. */
const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;
// The last lines a contender wrote to stderr, quoted when it fails to start.
const STDERR_TAIL_CHARS = 2_000;

/** A contender process that is listening. */
export interface RunningServer {
  readonly contender: Contender;
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What the process wrote to stderr so far (its last 2,000 characters). */
  stderr(): string;
  /** Ends the process (SIGTERM, then SIGKILL after 3 s) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * The core to pin the process to, `'all'` for every core (a multi-process contender: the harness
   * itself is pinned to the load's core, and children inherit that), or `null` to leave it unpinned.
   */
  readonly core: number | 'all' | null;
  /** Added to the process's environment (which is the harness's, with `NODE_ENV=production`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The line the reference CLI prints (on stderr, even when quiet) once its workers are ready. */
const CLI_LISTENING = /^Listening on http:\/\/[^:\s]+:(\d+)$/m;

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `contender`'s server and resolves once it listens; rejects (with its stderr) if it exits or
 * stays silent for 30 s.
 *
 * @example
 * ```ts
 * const server = await startContender(CONTENDERS[0], { core: SERVER_CORE });
 * await fetch(server.url);
 * await server.stop();
 * ```
 */
export async function startContender(contender: Contender, options: StartOptions): Promise<RunningServer> {
  const [command, args] = pinnedCommand(options.core, ...runtimeCommand(contender));
  const child = spawn(command, args, {
    cwd: BENCH_DIR,
    env: { ...process.env, ...options.env, NODE_ENV: 'production', BENCH_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${contender.id}: ${why}${stderr ? `\n${stderr.trimEnd()}` : ''}`));
    };
    const timer = setTimeout(() => {
      fail(`not listening after ${STARTUP_TIMEOUT_MS / 1000} s`);
      void stop();
    }, STARTUP_TIMEOUT_MS);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => fail(`exited before listening (${signal ?? `code ${code}`})`));
    const onData = (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(LISTENING_PREFIX));
      if (line === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      // From here on stdout is drained unread, so a chatty contender never blocks on a full pipe.
      child.stdout?.off('data', onData).resume();
      resolve(Number(line.slice(LISTENING_PREFIX.length)));
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    if (contender.cliWorkers !== undefined) {
      const onStderr = () => {
        const match = CLI_LISTENING.exec(stderr);
        if (match === null) return;
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.stderr?.off('data', onStderr);
        resolve(Number(match[1]));
      };
      child.stderr?.on('data', onStderr);
    }
  });

  return {
    contender,
    pid: child.pid ?? -1,
    url: `http://${BENCH_HOST}:${port}`,
    stderr: () => stderr,
    stop,
  };
}
