import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { CliIO } from './run-cli.js';

export const DEV_HELP = `Usage: flagon dev <module>[:<export>] [options of flagon-gateway serve]

Serves a Flagon app for development: runs "flagon-gateway serve <module> --reload [options]". The
server restarts the app when a source file under the app's folder changes; a save that does not load
leaves the last good version serving and prints the error with its file and line.

Every option of "flagon-gateway serve" applies: --port (default $PORT, else 8000), --host,
--reload-dir <path>, --reload-include <glob>, --reload-exclude <glob>, --log-level...
Run "flagon-gateway --help" for all of them.

Exit codes: those of flagon-gateway serve (0 after Ctrl-C or SIGTERM, 2 for a wrong command line).
`;

/**
 * `flagon dev`: runs the gateway's reference server with `--reload` as a child process, passing its
 * output through `io`, and resolves with its exit code. A child process rather than an import: the
 * framework never loads a server module (it must run under any server). Ctrl-C reaches the child from
 * the terminal (the whole process group gets it); a SIGTERM sent to this process is passed on.
 *
 * @example
 * ```ts
 * const code = await runDev(['app.ts', '--port', '3000'], { cwd: process.cwd(), stdout, stderr });
 * ```
 */
export function runDev(args: readonly string[], io: CliIO): Promise<number> {
  const child = spawn(process.execPath, [gatewayBin(), 'serve', ...args, '--reload'], {
    cwd: io.cwd,
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  child.stdout.setEncoding('utf8').on('data', (text: string) => io.stdout(text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => io.stderr(text));
  const passOn = (): void => {
    child.kill('SIGTERM');
  };
  // The terminal's Ctrl-C reaches the child too: the server drains, then this process follows it.
  const leaveToChild = (): void => {};
  process.on('SIGTERM', passOn);
  process.on('SIGINT', leaveToChild);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      process.off('SIGTERM', passOn);
      process.off('SIGINT', leaveToChild);
      resolve(code ?? (signal === null ? 1 : 128 + signalNumber(signal)));
    });
  });
}

/** The `flagon-gateway` script of the installed `@flagon/gateway`, from its package.json's `bin`. */
function gatewayBin(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@flagon/gateway/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin['flagon-gateway']!);
}

function signalNumber(signal: NodeJS.Signals): number {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal as string] ?? 1;
}
