import type { App, Extensions } from '../types.js';
import type { CheckClient } from './client.js';
import type { Mailbox } from './mailbox.js';

/** A running server under test, as `startServer` returns it. */
export interface ServerUnderTest {
  /** Where it listens, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** Stops it (the kit calls it once per server, unless the check drained or closed it itself). */
  close(): Promise<void>;
  /** Starts draining (spec §3.4) and resolves once the server has stopped; drain checks need it. */
  drain?(): Promise<void>;
}

/** Starts a server, on a free port, running `app` in this process. */
export type StartServer = (app: App) => Promise<ServerUnderTest>;

/** The server implementation the kit checks. */
export interface ConformanceTarget {
  /** Shown in suite and report names; default `"server"`. */
  readonly name?: string;
  readonly startServer: StartServer;
  /**
   * The server hands the app Fetch `Request`s (`toFetchHandler` on Bun.serve, Deno.serve, srvx,
   * @hono/node-server, ...): what a `Request` cannot carry (spec §2, "Fetch hosts") is reported as
   * `limited`, not failed, when the weaker rule of Fetch hosts holds. Default `false`.
   */
  readonly fetchHost?: boolean;
}

/** What a check's client interaction gets to work with. */
export interface CheckContext {
  /** Starts the server with this check's app; every server started is closed when the check ends. */
  start(): Promise<ServerUnderTest>;
  /** Where the check's app and its interaction leave each other notes. */
  readonly mailbox: Mailbox;
  /** HTTP clients over `node:http` and `node:net`, closed when the check ends. */
  readonly client: CheckClient;
  /** Aborted when the check ran out of time. */
  readonly signal: AbortSignal;
  /** Ends the check as skipped, e.g. when the server does not run what the check needs. */
  skip(reason: string): never;
  /** Whether the target is a Fetch host (see {@link ConformanceTarget.fetchHost}). */
  readonly fetchHost: boolean;
  /**
   * Ends the check as `limited`: the server kept the weaker rule a Fetch host is allowed (call it only
   * when `fetchHost` is true, after checking that weaker rule).
   */
  limit(reason: string): never;
  /** Runs `cleanup` when the check ends, whatever its outcome. */
  defer(cleanup: () => unknown): void;
}

/**
 * One check of the kit, as data: which rule it verifies, the app the server runs, and what a client
 * does over the network to see the rule hold.
 */
export interface ConformanceCheck {
  /** Stable kebab-case id, e.g. `"request-body-order"`. */
  readonly id: string;
  /** Where the rule lives in `docs/gateway-spec.md`, e.g. `"§3.1 [S-BODY-ORDER]"`. */
  readonly spec: string;
  /** The rule as the check verifies it, in one sentence. */
  readonly rule: string;
  /** An extension the server must offer in `scope.extensions` (else the check is skipped); or `drain()`. */
  readonly requires?: { readonly extension?: keyof Extensions; readonly drain?: boolean };
  /**
   * Whether the app runs under `validate()`, so any server-side rule broken along the way fails the
   * check. Off for apps that break app rules on purpose (to see how the server copes). Default on.
   */
  readonly validate?: boolean;
  /** The app under test for this check; `mailbox` is shared with `interact`. */
  app(mailbox: Mailbox): App;
  /** The client side; throws (an assertion) when the rule does not hold. */
  interact(context: CheckContext): Promise<void>;
}

/** `limited`: a Fetch host kept the weaker rule the spec allows it, not the full one. */
export type CheckStatus = 'passed' | 'failed' | 'skipped' | 'limited';

/** The outcome of one check. */
export interface CheckResult {
  readonly id: string;
  readonly spec: string;
  readonly rule: string;
  readonly status: CheckStatus;
  /** Why it failed, was skipped or limited (`limit of Fetch hosts: ...`); the rule itself when it passed. */
  readonly message: string;
}

/** What {@link runConformance} returns. */
export interface ConformanceReport {
  readonly name: string;
  readonly results: readonly CheckResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  /** Checks where a Fetch host kept only the weaker rule the spec allows it. */
  readonly limited: number;
  /** True when no check failed. */
  readonly ok: boolean;
}

/** Options of {@link runConformance} and {@link defineConformanceSuite}. */
export interface ConformanceOptions {
  /** The checks to run; default all of {@link CONFORMANCE_CHECKS}. */
  readonly checks?: readonly ConformanceCheck[];
  /** Run only the checks with these ids. */
  readonly only?: readonly string[];
  /** Milliseconds a check may take before it fails; default 4 000 (keep it under your runner's test timeout). */
  readonly timeout?: number;
}
