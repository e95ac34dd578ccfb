import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import type { Logger } from '../../logger.js';
import type { BoundSocket } from '../bind.js';
import { RestartBackoff } from './backoff.js';
import { HeartbeatWatch } from './heartbeat.js';
import { isWorkerMessage, type WorkerMessage } from './messages.js';
import type { WorkerOptions } from './options.js';

/** One worker process, as the supervisor tracks it. */
interface Tracked {
  readonly worker: ChildProcess;
  readonly id: number;
  readonly pid: number;
  readonly forkedAt: number;
  ready: boolean;
  /** Told to drain (reload, max-requests, shutdown): its exit is expected. */
  retiring: boolean;
  /** Forked to replace a live worker: if it never becomes ready, the live one serves on, and no respawn. */
  readonly spare: boolean;
  /** Why it failed to boot, as it said (`boot-failed`). */
  bootError: string | null;
  /** Settles when it is ready, or rejects with why it never became ready. */
  readonly started: Promise<string>;
  readonly settleStarted: { resolve(url: string): void; reject(error: Error): void };
}

/** What the caller may ask of a running supervisor. */
export interface SupervisorControl {
  /**
   * A rolling reload, as SIGHUP starts one; `reason` opens its log line (`app.ts changed: replacing...`).
   * Asked during the first start or another reload, it follows that one, with the code as it is then.
   */
  reload(reason: string): void;
}

/** What the supervisor reports to its caller (the CLI). */
export interface SupervisorEvents {
  /** All the first workers are ready. */
  onListening(): void;
  /** The supervisor stopped; the process should exit with `code`. */
  onExit(code: number): void;
}

/**
 * The environment variable that makes a CLI process a worker: its sockets, as JSON listen targets
 * (`[{"fd":4},{"fd":5,"socketPath":"/run/app.sock"}]`).
 */
export const WORKER_SOCKETS_ENV = 'FLAGON_GATEWAY_WORKER_SOCKETS';
/** Descriptors 0-2 are stdio and 3 the IPC channel; the shared sockets follow. */
const FIRST_SOCKET_FD = 4;

/** How much longer than its graceful timeout a draining worker gets (lifespan shutdown, exit) before a SIGKILL. */
const DRAIN_MARGIN = 5_000;

/**
 * The supervisor (gunicorn's arbiter, uvicorn's multiprocess manager). It binds the listening sockets
 * itself and never accepts on them; each worker is a child process (the same CLI, run again, see
 * `runWorker`) that inherits the sockets as file descriptors and accepts on them, the kernel handing
 * each connection to one of them. Chosen over `node:cluster`, whose primary accepts every connection
 * and passes it on: there, the socket closes when the last worker does (a lone worker that dies means
 * refused connections, and `--port 0` a new port), and a connection passed on just as a worker starts
 * draining is reset. Here the supervisor's descriptor keeps the socket and its queue of waiting
 * connections while no worker is up, and a draining worker simply stops accepting.
 *
 * - a worker that exits unexpectedly is replaced, at once the first time, then with a growing delay
 *   while workers keep dying young (see `RestartBackoff`), each time with a log line saying why;
 * - a worker that fails to boot before any worker ever became ready stops the supervisor (exit 1):
 *   the app is broken, and forking it again would only loop; with `firstBootFailure: 'wait'` (`--reload`)
 *   the supervisor waits instead, and the next `reload()` starts the workers again;
 * - SIGTERM / SIGINT: every worker drains (SIGTERM), and the supervisor exits 0 once all are gone
 *   (1 if one of them failed its shutdown); a second signal makes them exit at once, and it exits 1;
 * - SIGHUP (or `reload()`): a rolling reload, one worker at a time: a new one is forked (loading the code
 *   afresh) and, once ready, an old one drains; a new worker that fails to boot stops the reload, the old
 *   ones serve on, and it is not forked again until the next reload;
 * - a worker silent for longer than `timeout` (its event loop is blocked) is killed and replaced;
 * - a worker that served its `maxRequests` is replaced the way a reload replaces it.
 *
 * @example
 * ```ts
 * const sockets = [await bindSocket({ host: "127.0.0.1", port: 8000 })];
 * const supervisor = superviseWorkers(sockets, workerOptions, logger, { onListening, onExit });
 * supervisor.reload('app.ts changed');
 * ```
 */
export function superviseWorkers(
  sockets: readonly BoundSocket[],
  options: WorkerOptions,
  logger: Logger,
  events: SupervisorEvents,
): SupervisorControl {
  const supervisor = new Supervisor(sockets, options, logger, events);
  supervisor.start();
  return { reload: (reason) => supervisor.reload(reason) };
}

class Supervisor {
  readonly #sockets: readonly BoundSocket[];
  readonly #options: WorkerOptions;
  readonly #logger: Logger;
  readonly #events: SupervisorEvents;
  readonly #workers = new Map<number, Tracked>();
  readonly #backoff = new RestartBackoff();
  readonly #heartbeats: HeartbeatWatch;
  /** Some worker became ready once: boot failures from now on are retried, not fatal. */
  #served = false;
  #stopping = false;
  #exitCode = 0;
  #reloading: Promise<void> | null = null;
  /** Why the next reload was asked for while the first start or another reload ran. */
  #queuedReload: string | null = null;
  /** The first start failed with `firstBootFailure: 'wait'`: no worker runs until `reload()`. */
  #waitingForFix = false;
  #pendingRespawns = new Set<NodeJS.Timeout>();
  #nextId = 1;

  constructor(
    sockets: readonly BoundSocket[],
    options: WorkerOptions,
    logger: Logger,
    events: SupervisorEvents,
  ) {
    this.#sockets = sockets;
    this.#options = options;
    this.#logger = logger;
    this.#events = events;
    this.#heartbeats = new HeartbeatWatch(options.timeout);
  }

  start(): void {
    this.#watchSignals();
    if (this.#options.timeout > 0) this.#watchHeartbeats();
    this.#startAll();
  }

  #startAll(): void {
    const first = Array.from({ length: this.#options.count }, () => this.#fork(false));
    Promise.all(first.map((tracked) => tracked.started)).then(
      () => {
        this.#served = true;
        this.#events.onListening();
        // Last: a script waiting for this line finds the Listening lines before it.
        this.#logger.info(`Supervising ${this.#options.count} worker(s) (supervisor pid ${process.pid})`);
        this.#reloadIfQueued();
      },
      (error: Error) => {
        if (this.#stopping) return;
        if (this.#options.firstBootFailure === 'wait') {
          for (const tracked of this.#workers.values()) this.#retire(tracked);
          this.#waitingForFix = true;
          this.#logger.error(`A worker failed to start (${error.message}): waiting for a change to retry`);
          this.#reloadIfQueued();
          return;
        }
        this.#logger.error(`A worker failed to start (${error.message}): stopping`);
        this.#exitCode = 1;
        this.#stop();
      },
    );
  }

  #fork(spare: boolean): Tracked {
    const fds = this.#sockets.map((socket) => socket.fd);
    const targets = this.#sockets.map((socket, index) => ({
      fd: FIRST_SOCKET_FD + index,
      ...('path' in socket.target ? { socketPath: socket.target.path } : {}),
    }));
    // The same command line again: the worker loads the app itself, so a reload picks up new code.
    const worker = fork(process.argv[1]!, process.argv.slice(2), {
      env: { ...process.env, [WORKER_SOCKETS_ENV]: JSON.stringify(targets) },
      execArgv: process.execArgv,
      stdio: ['inherit', 'inherit', 'inherit', 'ipc', ...fds],
    });
    const id = this.#nextId++;
    let settleStarted!: Tracked['settleStarted'];
    const started = new Promise<string>((resolve, reject) => {
      settleStarted = { resolve, reject };
    });
    started.catch(() => {}); // observed by whoever waits for it; an unwatched failure is logged on exit
    const tracked: Tracked = {
      worker,
      id,
      pid: worker.pid ?? 0,
      forkedAt: Date.now(),
      ready: false,
      retiring: false,
      spare,
      bootError: null,
      started,
      settleStarted,
    };
    this.#workers.set(id, tracked);
    worker.on('message', (message: unknown) => {
      if (isWorkerMessage(message)) this.#received(tracked, message);
    });
    worker.on('exit', (code, signal) => this.#exited(tracked, code, signal));
    return tracked;
  }

  #received(tracked: Tracked, message: WorkerMessage): void {
    switch (message.flagon) {
      case 'beat':
        // Watched from ready on: loading and compiling the app may block a worker's loop for a while.
        if (tracked.ready) this.#heartbeats.beat(tracked.id);
        return;
      case 'ready':
        tracked.ready = true;
        this.#heartbeats.beat(tracked.id);
        this.#logger.info(`Worker ${tracked.pid} ready`);
        tracked.settleStarted.resolve(message.url);
        return;
      case 'boot-failed':
        tracked.bootError = message.message;
        tracked.settleStarted.reject(new Error(message.message));
        return;
      case 'retire':
        if (this.#stopping || tracked.retiring || this.#reloading !== null) return;
        this.#logger.info(
          `Worker ${tracked.pid} served ${message.served} requests (max-requests): replacing it`,
        );
        void this.#replace(tracked).catch((error: Error) =>
          this.#logger.error(`Could not replace worker ${tracked.pid} (${error.message}); it serves on`),
        );
    }
  }

  /** Forks a new worker and, once it is ready, drains `old`. Rejects (and leaves `old` serving) if it never becomes ready. */
  async #replace(old: Tracked): Promise<void> {
    const fresh = this.#fork(true);
    await fresh.started;
    if (this.#stopping) return;
    this.#retire(old);
  }

  #retire(tracked: Tracked): void {
    tracked.retiring = true;
    if (isRunning(tracked.worker)) tracked.worker.kill('SIGTERM');
    // A worker that does not finish its drain in time is cut short.
    setTimeout(() => {
      if (isRunning(tracked.worker)) tracked.worker.kill('SIGKILL');
    }, this.#options.gracefulTimeout + DRAIN_MARGIN).unref();
  }

  #exited(tracked: Tracked, code: number | null, signal: string | null): void {
    this.#workers.delete(tracked.id);
    this.#heartbeats.forget(tracked.id);
    const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    if (!tracked.ready)
      tracked.settleStarted.reject(new Error(tracked.bootError ?? `worker ${tracked.pid} ${how}`));
    if (this.#stopping) {
      // A worker that failed its shutdown exits 1; one killed by a signal was cut short, not failing.
      if (code !== null && code !== 0) this.#exitCode = 1;
      if (this.#workers.size === 0) this.#exit(this.#exitCode);
      return;
    }
    // A spare that never became ready: the worker it was to replace serves on (see #replace).
    if (tracked.retiring || !this.#served || (tracked.spare && !tracked.ready)) return;
    const uptime = Date.now() - tracked.forkedAt;
    const delay = this.#backoff.next(uptime);
    const why = tracked.bootError === null ? '' : ` (${tracked.bootError})`;
    const when =
      delay === 0
        ? 'starting a new one'
        : `starting a new one in ${delay / 1000} s (${this.#backoff.streak} quick exits in a row)`;
    this.#logger.warn(`Worker ${tracked.pid} ${how} after ${(uptime / 1000).toFixed(1)} s${why}: ${when}`);
    const timer = setTimeout(() => {
      this.#pendingRespawns.delete(timer);
      if (!this.#stopping) this.#fork(false);
    }, delay);
    this.#pendingRespawns.add(timer);
  }

  #watchSignals(): void {
    const onStop = (signal: NodeJS.Signals): void => {
      if (this.#stopping) {
        this.#logger.warn(`${signal} again: exiting now`);
        for (const { worker } of this.#workers.values()) worker.kill('SIGKILL');
        this.#exit(1);
        return;
      }
      this.#logger.info(`${signal}: draining ${this.#workers.size} worker(s) (send it again to exit now)`);
      this.#stop();
    };
    process.on('SIGTERM', onStop);
    process.on('SIGINT', onStop);
    process.on('SIGHUP', () => this.reload('SIGHUP'));
  }

  #stop(): void {
    this.#stopping = true;
    for (const timer of this.#pendingRespawns) clearTimeout(timer);
    this.#pendingRespawns.clear();
    if (this.#workers.size === 0) {
      this.#exit(this.#exitCode);
      return;
    }
    // One still draining from a reload was told already: a second SIGTERM would make it exit at once.
    for (const tracked of this.#workers.values()) if (!tracked.retiring) this.#retire(tracked);
  }

  reload(reason: string): void {
    if (this.#stopping) return;
    if (this.#waitingForFix) {
      this.#waitingForFix = false;
      this.#logger.info(`${reason}: starting ${this.#options.count} worker(s) again`);
      this.#startAll();
      return;
    }
    if (!this.#served || this.#reloading !== null) {
      this.#logger.info(`${reason}: a start or reload is under way; another reload follows it`);
      this.#queuedReload = reason;
      return;
    }
    const old = [...this.#workers.values()].filter((tracked) => !tracked.retiring);
    this.#logger.info(`${reason}: replacing ${old.length} worker(s) one by one`);
    this.#reloading = (async () => {
      try {
        for (const tracked of old) {
          if (this.#stopping) return;
          if (!isRunning(tracked.worker)) continue;
          await this.#replace(tracked);
        }
        if (!this.#stopping) this.#logger.info(`Reload complete: ${old.length} worker(s) replaced`);
      } catch (error) {
        this.#logger.error(
          `Reload stopped: a new worker failed to start (${(error as Error).message}); the old workers serve on`,
        );
      } finally {
        this.#reloading = null;
        this.#reloadIfQueued();
      }
    })();
  }

  #reloadIfQueued(): void {
    const reason = this.#queuedReload;
    this.#queuedReload = null;
    if (reason !== null) this.reload(reason);
  }

  /** Closes the sockets (a unix socket's file goes with it) and reports the exit code. */
  #exit(code: number): void {
    for (const socket of this.#sockets) socket.close();
    this.#events.onExit(code);
  }

  #watchHeartbeats(): void {
    const timer = setInterval(
      () => {
        for (const id of this.#heartbeats.silent()) {
          const tracked = this.#workers.get(id);
          this.#heartbeats.forget(id);
          if (tracked === undefined || !isRunning(tracked.worker)) continue;
          this.#logger.error(
            `Worker ${tracked.pid} sent no heartbeat for ${this.#options.timeout / 1000} s ` +
              '(its event loop is blocked): killing it',
          );
          tracked.worker.kill('SIGKILL');
        }
      },
      Math.min(1_000, Math.max(50, this.#options.timeout / 4)),
    );
    timer.unref();
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}
