import { randomInt } from 'node:crypto';
import { loadApp } from '../../loader/index.js';
import type { Logger } from '../../logger.js';
import type { ServeOptions } from '../options.js';
import { serve } from '../serve.js';
import { exitOnSignals } from '../signals.js';
import { logStartupError } from '../startup-error.js';
import { heartbeatInterval, startHeartbeat } from './heartbeat.js';
import { tellSupervisor } from './messages.js';
import type { WorkerOptions } from './options.js';
import { watchSupervisor } from './supervisor-watch.js';

/** What a worker process runs: the app spec and the server options, as the CLI parsed them. */
export interface WorkerCommand {
  readonly appSpec: string;
  readonly options: ServeOptions;
  readonly workers: WorkerOptions;
}

/**
 * The life of one worker process under the supervisor (see `superviseWorkers`): it loads the app itself
 * (so a reload picks up new code), runs its lifespan startup, listens on the socket the supervisor
 * shares, then says `ready`. A load or startup failure is logged, reported as `boot-failed`, and the
 * worker exits 1. Afterwards: SIGTERM (from the supervisor) drains it and it exits; SIGINT and SIGHUP,
 * which a terminal sends to the whole process group, are left to the supervisor; the fault policy of
 * the single process applies (an uncaught exception drains and exits 1, and the supervisor starts a
 * new worker); it beats while its event loop turns, and asks to be replaced after `--max-requests`. A
 * worker whose supervisor is gone (see `watchSupervisor`) drains and exits, or exits at once if it was
 * still booting: nobody else would ever stop it.
 *
 * @example
 * ```ts
 * if (cluster.isWorker) await runWorker({ appSpec: 'app.ts', options, workers }, logger);
 * ```
 */
export async function runWorker(command: WorkerCommand, logger: Logger): Promise<void> {
  const { workers } = command;
  // Watched from the first line on: the supervisor may be killed while this worker still boots.
  let server: Awaited<ReturnType<typeof serve>> | null = null;
  watchSupervisor(() => {
    // Its stdout and stderr may have gone with it (a pipe whose reader died): a failed write must not
    // become an uncaught exception, whose log line fails too, and so on forever, starving the drain.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
    logger.warn(`The supervisor is gone: ${server === null ? 'exiting' : 'draining and exiting'}`);
    if (server === null) process.exit(1);
    server.drain().then(
      () => process.exit(),
      () => process.exit(1),
    );
  });
  if (workers.timeout > 0) startHeartbeat(heartbeatInterval(workers.timeout));
  const leaveToSupervisor = (): void => {};
  process.on('SIGINT', leaveToSupervisor);
  process.on('SIGHUP', leaveToSupervisor);

  try {
    const { app } = await loadApp(command.appSpec);
    server = await serve(app, { ...command.options, logger, handleSignals: false, handleFaults: true });
  } catch (error) {
    tellSupervisor({ flagon: 'boot-failed', message: logStartupError(logger, error) });
    process.exit(1);
  }
  // SIGTERM comes from the supervisor, which has other workers take over (a reload, max-requests) or
  // stops them all: idle keep-alive connections are kept for a request a pool may be sending on one,
  // except in dev reload, where the request after a save must reach the new code.
  const running = server;
  const keepIdleConnections = workers.idleOnDrain !== 'close';
  exitOnSignals({ drain: () => running.drain({ keepIdleConnections }), closed: running.closed }, logger, [
    'SIGTERM',
  ]);
  if (workers.maxRequests > 0) {
    const limit = workers.maxRequests + randomInt(workers.maxRequestsJitter + 1);
    let served = 0;
    const count = (): void => {
      served += 1;
      if (served < limit) return;
      for (const each of server.httpServers) each.off('request', count).off('checkContinue', count);
      tellSupervisor({ flagon: 'retire', served });
    };
    for (const each of server.httpServers) each.on('request', count).on('checkContinue', count);
  }
  tellSupervisor({ flagon: 'ready', url: server.url });
}
