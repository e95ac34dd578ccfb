import { type Link, LinkedSet } from './linked-set.js';

/** What a request in flight does when its server drains; the bridge implements it for every request. */
export interface DrainParticipant {
  /** Draining began (or had already begun when the request arrived); `deadline` as in `http.drain`. */
  drainBegan(deadline: number | null): void;
  /** The graceful timeout passed: the request is cut (`http.disconnect` reason `server-closed`). */
  cut(): void;
}

/**
 * The bridge's view of a drain controller (see {@link DrainController}): requests enter it when they
 * reach the app and leave it once the app returned and the response went out; `waitUntil` tasks are
 * kept in it until they settle.
 */
export interface DrainSource {
  /** True once draining began; responses then carry `Connection: close`. */
  readonly draining: boolean;
  /** When in-flight requests will be cut (epoch ms), or `null` for no limit. */
  readonly deadline: number | null;
  /** Registers a request; returns the ticket that {@link DrainSource.leave} takes. */
  enter(request: DrainParticipant): DrainTicket;
  leave(ticket: DrainTicket): void;
  keep(task: Promise<unknown>): void;
}

/** A request's place among those in flight (see {@link DrainSource.enter}). */
export type DrainTicket = Link<DrainParticipant>;

/**
 * Tracks in-flight requests and `waitUntil` tasks of one server (or worker), and tells the requests when
 * draining begins. A server owns one and hands it to the bridge as `drain`; to stop gracefully it calls
 * {@link DrainController.begin}, waits for {@link DrainController.settled} up to its timeout, and then
 * {@link DrainController.cutAll}.
 *
 * @example
 * ```ts
 * const drain = new DrainController();
 * const server = http.createServer(toNodeHandler(app, { drain }));
 * // later, on SIGTERM:
 * server.close();
 * drain.begin(Date.now() + 10_000);
 * await drain.settled();
 * ```
 */
export class DrainController implements DrainSource {
  // Entering and leaving costs one small link, not a hash-table insert and delete (see LinkedSet).
  readonly #requests = new LinkedSet<DrainParticipant>();
  readonly #tasks = new Set<Promise<unknown>>();
  #onRequestLeft: (() => void) | undefined;
  #waiters: Array<() => void> = [];
  #draining = false;
  #deadline: number | null = null;

  get draining(): boolean {
    return this.#draining;
  }

  get deadline(): number | null {
    return this.#deadline;
  }

  /** Requests the app is still handling (or whose response is still being written). */
  get inFlight(): number {
    return this.#requests.size;
  }

  /** `waitUntil` tasks not settled yet. */
  get pendingTasks(): number {
    return this.#tasks.size;
  }

  enter(request: DrainParticipant): DrainTicket {
    const ticket = this.#requests.add(request);
    if (this.#draining) request.drainBegan(this.#deadline);
    return ticket;
  }

  leave(ticket: DrainTicket): void {
    if (!this.#requests.delete(ticket)) return;
    if (this.#draining) this.#onRequestLeft?.();
    this.#wakeIfSettled();
  }

  keep(task: Promise<unknown>): void {
    this.#tasks.add(task);
    const forget = () => {
      this.#tasks.delete(task);
      this.#wakeIfSettled();
    };
    task.then(forget, forget);
  }

  /**
   * Starts draining: every in-flight request (and any that still arrives) gets the drain notice.
   * `onRequestLeft` runs each time a request leaves from then on: its connection may now be idle, and a
   * draining server closes idle connections at once.
   */
  begin(deadline: number | null = null, onRequestLeft?: () => void): void {
    if (this.#draining) return;
    this.#draining = true;
    this.#deadline = deadline;
    this.#onRequestLeft = onRequestLeft;
    for (const request of this.#requests.values()) request.drainBegan(deadline);
  }

  /** Resolves once no request is in flight and no task is pending. */
  settled(): Promise<void> {
    if (this.#isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Cuts every request still in flight; returns how many there were. */
  cutAll(): number {
    const left = this.#requests.values();
    for (const request of left) request.cut();
    return left.length;
  }

  #isSettled(): boolean {
    return this.#requests.size === 0 && this.#tasks.size === 0;
  }

  #wakeIfSettled(): void {
    if (!this.#isSettled() || this.#waiters.length === 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
