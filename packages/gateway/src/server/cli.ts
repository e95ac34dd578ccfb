/**
 * `flagon-gateway`: the reference server's command line (`bin/flagon-gateway.js` runs this module).
 * Run with `--help` for the options and exit codes.
 */
import { readFileSync } from 'node:fs';
import { LifespanStartupError } from '../errors.js';
import { AppLoadError, loadApp } from '../loader/index.js';
import { createLogger } from '../logger.js';
import { HELP, parseCli, UsageError } from './cli-args.js';
import { serve } from './serve.js';

/** Runs the CLI; resolves with an exit code, or `null` while the server runs (signals end it). */
async function main(argv: readonly string[]): Promise<number | null> {
  let command: ReturnType<typeof parseCli>;
  try {
    command = parseCli(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`flagon-gateway: ${error.message}\nRun "flagon-gateway --help" for usage.\n`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(`${readVersion()}\n`);
    return 0;
  }

  const logger = createLogger(command.logLevel);
  try {
    const { app } = await loadApp(command.appSpec);
    const server = await serve(app, { ...command.options, logger, handleSignals: true });
    // Supervisors and scripts read this line for the port: it is printed even when info lines are not.
    if (command.logLevel === 'warn' || command.logLevel === 'error') {
      process.stderr.write(`Listening on ${server.url}\n`);
    }
    return null;
  } catch (error) {
    if (error instanceof LifespanStartupError) {
      logger.error(`Lifespan startup failed: ${error.message}`);
    } else if (error instanceof AppLoadError) {
      logger.error(error.message);
    } else if (isSystemError(error)) {
      logger.error(`Cannot start the server: ${error.message}`); // e.g. EADDRINUSE: no stack needed
    } else {
      logger.error('Cannot start the server', error);
    }
    return 1;
  }
}

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function readVersion(): string {
  // ../../package.json from both src/server/cli.ts and the built dist/server/cli.js.
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

const code = await main(process.argv.slice(2));
if (code !== null) process.exit(code);
