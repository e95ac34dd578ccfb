// Runs `flagon-gateway` as a real child process, the way a user or a process manager would.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/flagon-gateway.js', import.meta.url));

/** A CLI child process and what it printed. */
export interface CliRun {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal that killed it). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node bin/flagon-gateway.js ...args` from the repository root. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

/** Keeps what a spawned child prints on stdout and stderr, and its exit, as a {@link CliRun}. */
export function watchChild(child: ChildProcess): CliRun {
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    out += text;
  });
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    err += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A served CLI process: resolves once it printed its `Listening on` line. */
export interface ServingCli extends CliRun {
  readonly url: string;
  readonly port: number;
}

/** Starts `flagon-gateway serve <app> --port 0 ...extra` and waits until it listens. */
export async function serveCli(
  app: string,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<ServingCli> {
  const run = runCli(['serve', app, '--port', '0', ...extra], env);
  const url = await listeningUrl(run);
  return { ...run, url, port: Number(new URL(url).port) };
}

/** Waits for `Listening on http://HOST:PORT` (or `unix:/path`) on stderr; rejects if the process exits first. */
export function listeningUrl(run: CliRun): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = /Listening on ((?:http:\/\/|unix:)\S+)/.exec(run.stderr());
      if (match) {
        run.child.stderr!.off('data', check);
        resolve(match[1]!);
      }
    };
    run.child.stderr!.on('data', check);
    void run.exited.then(({ code }) =>
      reject(new Error(`exited with ${code} before listening:\n${run.stderr()}`)),
    );
  });
}

/** Kills a CLI process that a failed test left running. */
export function stop(run: CliRun | undefined): void {
  if (run && run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL');
}
