// Runs one row of the matrix in child processes: the conformance kit (hosts only) and the smoke set.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '@flagon/gateway/conformance';
import { type CliRun, listeningUrl, stop, watchChild } from '../../gateway/test/server/cli-process.js';
import type { MatrixRow } from './matrix-rows.js';
import type { Runtime } from './runtimes.js';
import { playSmoke, type SmokeSeen } from './smoke.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HOST_RUNNER = fileURLToPath(new URL('./host-runner.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../../gateway/bin/flagon-gateway.js', import.meta.url));
// A runtime that has not answered by then is stuck: the row fails with what it printed.
const CHILD_TIMEOUT_MS = 60_000;

/** What a row showed: each check's result (hosts only) and what the smoke set saw. */
export interface RowOutcome {
  readonly checks: readonly CheckResult[] | null;
  readonly smoke: readonly SmokeSeen[];
}

/**
 * Runs `row` under `runtime`: the conformance kit in one child (for a host), the row's app served in
 * another, played the smoke set from here. Rejects with what the child printed when it fails.
 *
 * @example
 * ```ts
 * const outcome = await runRow(MATRIX[0], findRuntime('node20') as Runtime);
 * ```
 */
export async function runRow(row: MatrixRow, runtime: Runtime): Promise<RowOutcome> {
  const [checks, smoke] = await Promise.all([
    'host' in row.serve ? conformance(runtime, row.serve.host) : null,
    servedSmoke(row, runtime),
  ]);
  return { checks, smoke };
}

function spawnIn(runtime: Runtime, args: readonly string[]): CliRun {
  const child = spawn(runtime.command, [...runtime.scriptArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...runtime.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

async function conformance(runtime: Runtime, host: string): Promise<CheckResult[]> {
  const run = spawnIn(runtime, [HOST_RUNNER, host, 'conformance']);
  const timer = setTimeout(() => stop(run), CHILD_TIMEOUT_MS);
  const { code, signal } = await run.exited;
  clearTimeout(timer);
  const checks = run
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('CHECK '))
    .map((line) => JSON.parse(line.slice('CHECK '.length)) as CheckResult);
  if (code !== 0) {
    const done = checks.map((check) => check.id).join(', ');
    throw new Error(
      `${runtime.name} exited with ${code ?? signal} after ${done}:\n${run.stderr().slice(-3000)}`,
    );
  }
  return checks;
}

async function servedSmoke(row: MatrixRow, runtime: Runtime): Promise<SmokeSeen[]> {
  const run =
    'host' in row.serve
      ? spawnIn(runtime, [HOST_RUNNER, row.serve.host, 'serve', row.app])
      : spawnIn(runtime, [
          CLI,
          'serve',
          row.app,
          '--host',
          '127.0.0.1',
          '--port',
          '0',
          '--no-access-log',
          ...row.serve.cli,
        ]);
  const timer = setTimeout(() => stop(run), CHILD_TIMEOUT_MS);
  try {
    const url = await listeningUrl(run);
    const seen = await playSmoke(url, row.smoke);
    // The host runner stops when its input closes, the CLI on SIGTERM, as a process manager stops it.
    if ('host' in row.serve) run.child.stdin?.end();
    else run.child.kill('SIGTERM');
    const { code, signal } = await run.exited;
    if (code !== 0) throw new Error(`exited with ${code ?? signal} after the smoke set`);
    return seen;
  } catch (error) {
    stop(run);
    throw new Error(`${row.name}: ${(error as Error).message}\n${run.stderr().slice(-3000)}`);
  } finally {
    clearTimeout(timer);
  }
}
