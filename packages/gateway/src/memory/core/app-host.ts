import type { Lifespan } from '../../lifespan.js';
import { startLifespan } from '../../lifespan.js';
import type { Logger } from '../../logger.js';
import type { App } from '../../types.js';
import { deferred, ignore } from './deferred.js';
import type { ExchangeInit } from './exchange.js';
import { Exchange } from './exchange.js';
import { badRequestApp } from './plain-answer-app.js';
import { decodePath } from './request-target.js';

/** When a drain gives up waiting: epoch milliseconds (`Date.now()` clock), or `null` to wait without limit. */
export interface DrainOptions {
  readonly deadline?: number | null;
}

export interface AppHostOptions {
  /** The lifespan state the app starts with. */
  readonly state?: Record<string, unknown> | undefined;
  readonly logger: Logger;
}

/** A request as a host takes it: all but what the host works out (the decoded path, the lifespan state). */
export type HostedRequest = Omit<ExchangeInit, 'app' | 'logger' | 'path' | 'lifespanState'>;

/** The error `AppHost.exchange` rejects with once the host is closing. */
export class HostClosedError extends Error {
  constructor() {
    super('the transport is closed');
    this.name = 'HostClosedError';
  }
}

/**
 * What a server does around the requests it hands an app, without the network: lifespan startup (lazily,
 * on the first request, unless `open()` ran), the in-flight requests, the drain notice and its deadline,
 * `waitUntil` tasks, and an orderly close. The memory transport and the Fetch adapter share it.
 *
 * @example
 * ```ts
 * const host = new AppHost(app, { logger });
 * const exchange = await host.exchange({ request, body, extensions: { ...flags, waitUntil: null } });
 * await host.close();
 * ```
 */
export class AppHost {
  private opening: Promise<Lifespan> | null = null;
  private lifespan: Lifespan | null = null;
  private closing: Promise<void> | null = null;
  private draining: { deadline: number | null } | null = null;
  private cutTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly deadlinePassed = deferred<void>();
  private deadlineHit = false;
  private readonly inFlight = new Set<Exchange>();
  private readonly pendingTasks = new Set<Promise<void>>();

  constructor(
    private readonly app: App,
    private readonly options: AppHostOptions,
  ) {}

  /** True once `close()` was called: new requests are refused. */
  get closed(): boolean {
    return this.closing !== null;
  }

  /** Runs lifespan startup once; rejects with `LifespanStartupError` when the app reports a failure. */
  open(): Promise<Lifespan> {
    if (this.closing) return Promise.reject(new HostClosedError());
    this.opening ??= startLifespan(this.app, { state: this.options.state, logger: this.options.logger }).then(
      (lifespan) => {
        this.lifespan = lifespan;
        return lifespan;
      },
    );
    return this.opening;
  }

  /**
   * Starts one request (after startup) and tracks it until the app is done with it. A target that does
   * not decode is answered 400 without calling the app, as the spec has every server do.
   */
  async exchange(init: HostedRequest): Promise<Exchange> {
    const lifespan = await this.open();
    return this.start(init, lifespan);
  }

  /**
   * {@link exchange} without waiting for a turn of the microtask queue, once startup has completed;
   * `null` before (then `exchange` waits for it).
   */
  exchangeNow(init: HostedRequest): Exchange | null {
    return this.lifespan === null ? null : this.start(init, this.lifespan);
  }

  private start(init: HostedRequest, lifespan: Lifespan): Exchange {
    if (this.closing) throw new HostClosedError();
    const path = decodePath(init.request.rawPath);
    // Written out, not spread: copying `init` with `...` was a tenth of a Fetch request's cost on Node 20.
    const exchange = new Exchange({
      request: init.request,
      body: init.body,
      extensions: init.extensions,
      clientSignal: init.clientSignal,
      closeBodyOnClientAbort: init.closeBodyOnClientAbort,
      callAppNow: init.callAppNow,
      app: path === null ? badRequestApp : this.app,
      logger: this.options.logger,
      path: path ?? init.request.rawPath,
      lifespanState: lifespan.state,
    });
    if (this.draining) exchange.drain(this.draining.deadline);
    // Past the deadline nothing new is served: shutdown may already be running lifespan shutdown.
    if (this.deadlineHit) exchange.disconnect('server-closed');
    this.inFlight.add(exchange);
    exchange.run(this.forget);
    return exchange;
  }

  private readonly forget = (exchange: Exchange): void => {
    this.inFlight.delete(exchange);
  };

  /** Keeps `task` alive until `tasks()`/`close()`; a rejection is logged, never thrown. */
  readonly waitUntil = (task: PromiseLike<unknown>): void => {
    const tracked: Promise<void> = Promise.resolve(task)
      .then(ignore, (error: unknown) => this.options.logger.error('a waitUntil task failed', error))
      .finally(() => this.pendingTasks.delete(tracked));
    this.pendingTasks.add(tracked);
  };

  /** Resolves once every `waitUntil` task settled, including tasks added while waiting. */
  async tasks(): Promise<void> {
    while (this.pendingTasks.size > 0) await Promise.all(this.pendingTasks);
  }

  /**
   * Sends the drain notice to every in-flight request (and any that arrives later), and at the deadline,
   * if there is one, cuts the requests still running (`http.disconnect` with reason `server-closed`).
   */
  drain(options: DrainOptions = {}): void {
    const deadline = options.deadline ?? null;
    if (!this.draining) {
      this.draining = { deadline };
      for (const exchange of this.inFlight) exchange.drain(deadline);
    }
    if (deadline !== null && (this.draining.deadline === null || deadline <= this.draining.deadline)) {
      this.draining.deadline = deadline;
      if (this.cutTimer !== null) clearTimeout(this.cutTimer);
      this.cutTimer = setTimeout(() => this.cutAll(), Math.max(0, deadline - Date.now()));
    }
  }

  /**
   * Drains, waits for in-flight requests and `waitUntil` tasks (until the deadline, if any), then runs
   * lifespan shutdown (only if startup ran). Rejects with `LifespanShutdownError` when shutdown fails.
   */
  close(options: DrainOptions = {}): Promise<void> {
    this.closing ??= this.shutdown(options);
    return this.closing;
  }

  private async shutdown(options: DrainOptions): Promise<void> {
    this.drain(options);
    const settled = async () => {
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight].map((e) => e.finished));
      await this.tasks();
    };
    await Promise.race([settled(), this.deadlinePassed.promise]);
    if (this.cutTimer !== null) clearTimeout(this.cutTimer);
    const lifespan = await this.opening?.catch(() => null);
    await lifespan?.shutdown();
  }

  private cutAll(): void {
    this.cutTimer = null;
    this.deadlineHit = true;
    const running = this.inFlight.size;
    if (running > 0) this.options.logger.warn(`drain deadline passed; cutting ${running} request(s)`);
    for (const exchange of this.inFlight) exchange.disconnect('server-closed');
    this.deadlinePassed.resolve();
  }
}
