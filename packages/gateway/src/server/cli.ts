/**
 * `flagon-gateway`: the reference server's command line (`bin/flagon-gateway.js` runs this module).
 * Run with `--help` for the options and exit codes.
 */
import { readFileSync } from 'node:fs';
import { loadApp } from '../loader/index.js';
import type { Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import type { BoundSocket, ListenTarget } from './bind.js';
import { bindSocket } from './bind.js';
import { HELP, parseCli, UsageError } from './cli-args.js';
import { resolveServeOptions } from './options.js';
import type { SourceWatcher } from './reload/watch-sources.js';
import { serve } from './serve.js';
import { logStartupError } from './startup-error.js';
import type { SupervisorControl } from './workers/supervisor.js';
import { superviseWorkers, WORKER_SOCKETS_ENV } from './workers/supervisor.js';
import { runWorker } from './workers/worker.js';

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

  const quiet = command.logLevel === 'warn' || command.logLevel === 'error';
  // Supervisors and scripts read this line for the port: it is printed even when info lines are not.
  const announce = (url: string): void => {
    if (quiet) process.stderr.write(`Listening on ${url}\n`);
  };
  if (command.workers !== null) {
    const { workers } = command;
    const inherited = process.env[WORKER_SOCKETS_ENV];
    if (inherited !== undefined) {
      delete process.env[WORKER_SOCKETS_ENV]; // the app's own child processes are not workers
      const bind = JSON.parse(inherited) as ListenTarget[];
      const options = { ...command.options, bind };
      await runWorker({ appSpec: command.appSpec, options, workers }, workerLogger(command.logLevel));
      return null;
    }
    const logger = createLogger(command.logLevel);
    const config = resolveServeOptions(command.options);
    const sockets: BoundSocket[] = [];
    try {
      for (const target of config.bind) sockets.push(await bindSocket(target, config));
    } catch (error) {
      for (const socket of sockets) socket.close();
      logStartupError(logger, error);
      return 1;
    }
    let control: SupervisorControl | null = null;
    let watcher: SourceWatcher | null = null;
    if (command.reload !== null) {
      // Loaded only here: a server without --reload never loads the watcher and its globs.
      const { describeChanges, watchSources } = await import('./reload/watch-sources.js');
      const onChange = (files: readonly string[]) => control?.reload(`${describeChanges(files)} changed`);
      watcher = await watchSources(command.reload, onChange, logger);
      logger.info(`Reloading on changes under ${command.reload.dirs.join(', ')}`);
    }
    const code = await new Promise<number>((resolve) => {
      const onListening = (): void => {
        for (const socket of sockets) {
          logger.info(`Listening on ${socket.url}`);
          announce(socket.url);
        }
      };
      control = superviseWorkers(sockets, workers, logger, { onListening, onExit: resolve });
    });
    await watcher?.close();
    return code;
  }
  const logger = createLogger(command.logLevel);
  try {
    const { app } = await loadApp(command.appSpec);
    const server = await serve(app, { ...command.options, logger, handleSignals: true });
    for (const url of server.urls) announce(url);
    return null;
  } catch (error) {
    logStartupError(logger, error);
    return 1;
  }
}

/** A worker's log lines say which worker wrote them: `[flagon 1234] INFO ...`. */
function workerLogger(level: Parameters<typeof createLogger>[0]): Logger {
  const tag = `[flagon ${process.pid}]`;
  return createLogger(level, (line) => process.stderr.write(tag + line.slice('[flagon]'.length)));
}

function readVersion(): string {
  // ../../package.json from both src/server/cli.ts and the built dist/server/cli.js.
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

const code = await main(process.argv.slice(2));
if (code !== null) process.exit(code);
