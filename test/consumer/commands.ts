// Runs npm, node and installed bins in a temporary consumer project, as a user's shell would.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { delimiter, dirname } from 'node:path';
import { type CliRun, watchChild } from '../../packages/gateway/test/server/cli-process.js';

/** The environment of a user's shell: this Node first on PATH, and none of the npm_* settings that the
 * `npm test` / `pnpm` running this suite exported (they would steer the consumer's npm). */
export function consumerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const keep = !/^npm_|^pnpm_/i.test(key) || /^npm_config_(cache|registry)$/i.test(key);
    if (keep) env[key] = value;
  }
  env.PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter);
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return { ...env, ...extra };
}

/** What a finished command printed. */
export interface Finished {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; never rejects, so a test can assert on the code and the output. */
export function run(command: string, args: string[], cwd: string, env = consumerEnv()): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr: error !== null && stderr === '' ? error.message : stderr });
    });
  });
}

/** Like {@link run}, but a failure throws with everything the command printed. */
export async function mustRun(
  command: string,
  args: string[],
  cwd: string,
  env = consumerEnv(),
): Promise<string> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** Starts a long-running command in its own process group (npm start's children included). */
export function start(command: string, args: string[], cwd: string, env = consumerEnv()): CliRun {
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

/** Sends `signal` to the process group {@link start} made, if it is still there. */
export function signalGroup(run: CliRun | undefined, signal: NodeJS.Signals): void {
  if (run?.child.pid === undefined) return;
  try {
    process.kill(-run.child.pid, signal);
  } catch {
    // The group has exited already.
  }
}
