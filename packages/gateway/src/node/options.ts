import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.js';
import { createLogger } from '../logger.js';
import type { App, Extensions, HeaderList } from '../types.js';
import { DeadlineSweep, sweepInterval } from './deadline-sweep.js';
import type { DrainSource } from './drain.js';
import type { RejectionLog } from './rejection-log.js';
import { rejectionLogFor } from './rejection-log.js';

/** What the bridge reports once per request, when its response is over (an access log's input). */
export interface ResponseRecord {
  readonly request: IncomingMessage;
  /** The client's IP, read on arrival: a closed socket no longer knows it. */
  readonly remoteAddress: string | undefined;
  /** The status sent, or `null` when none went out (the client left, or the response was cut first). */
  readonly status: number | null;
  /** Response body bytes handed to Node. */
  readonly bytes: number;
  /** False when the response was cut or the client went away before it completed. */
  readonly complete: boolean;
  /** `performance.now()` when the request arrived (its head was read), for the request's duration. */
  readonly startedAt: number;
  /** The app's response headers, `null` when the app sent no head (the server answered, or none went out). */
  readonly responseHeaders: HeaderList | null;
}

/** Options of {@link toNodeHandler}; the reference server passes the same ones. */
export interface NodeHandlerOptions {
  /** The prefix the app is mounted under, passed as `scope.rootPath`; `""` by default. */
  rootPath?: string;
  /** The lifespan state (see `startLifespan`); each request gets a shallow copy as `scope.state`. */
  state?: Record<string, unknown>;
  /** Where app errors and dropped requests are logged; `createLogger('info')` by default. */
  logger?: Logger;
  /**
   * Largest request body in bytes: a larger `Content-Length` gets 413 without calling the app; a chunked
   * body growing past it ends the request (`server-closed`). No limit by default.
   */
  maxBodySize?: number;
  /** Milliseconds a socket may stay unwritable before it is destroyed (`write-timeout`); 0 = never. */
  writeTimeout?: number;
  /** Idle milliseconds before TCP keep-alive probes look for a vanished peer (`heartbeat`); 0 = off. */
  heartbeat?: number;
  /**
   * Milliseconds the app may wait in `receive()` for the next body chunk (as nginx's
   * `client_body_timeout`: between two reads, not for the whole body). Past it the client gets 408 (or
   * the connection is cut if the response started) and the app `http.disconnect` (`server-closed`).
   * 0 = none (the default).
   */
  bodyTimeout?: number;
  /**
   * Milliseconds from the app's call until its response is complete. Past it the client gets 503 if
   * nothing was sent yet, else the connection is cut; the app sees `http.disconnect` (`server-closed`).
   * 0 = none (the default). Checked by a coarse sweep, so it may fire up to a second late.
   */
  responseTimeout?: number;
  /** Most header fields a request may carry (more: 431 without calling the app); 0 = none (the default). */
  maxHeaderCount?: number;
  /** The drain source the owning server drains through (see `DrainController`). */
  drain?: DrainSource;
  /** Called once per request when its response is over, e.g. to write an access log line. */
  onResponse?: (record: ResponseRecord) => void;
}

/** {@link NodeHandlerOptions} resolved once per handler and shared by all its requests. */
export interface BridgeConfig {
  readonly app: App;
  readonly logger: Logger;
  readonly rootPath: string;
  readonly state: Record<string, unknown> | undefined;
  readonly maxBodySize: number;
  readonly writeTimeout: number;
  readonly heartbeat: number;
  readonly bodyTimeout: number;
  readonly responseTimeout: number;
  readonly maxHeaderCount: number;
  /** The clock of `bodyTimeout` and `responseTimeout`; `null` when neither is set. */
  readonly sweep: DeadlineSweep | null;
  /** Where requests refused by the bridge are logged (rate-limited, shared per logger). */
  readonly rejections: RejectionLog;
  readonly drain: DrainSource | undefined;
  readonly onResponse: ((record: ResponseRecord) => void) | undefined;
  /** One frozen object for every request: the offer does not change per request. */
  readonly extensions: Extensions;
}

const FLAG = Object.freeze({});

/**
 * Checks and completes the options of a handler.
 *
 * @example
 * ```ts
 * const config = resolveBridgeConfig(app, { maxBodySize: 1024 });
 * ```
 */
export function resolveBridgeConfig(app: App, options: NodeHandlerOptions = {}): BridgeConfig {
  if (typeof app !== 'function') throw new TypeError('toNodeHandler: the app must be a function');
  const logger = options.logger ?? createLogger('info');
  const drain = options.drain;
  const waitUntil = (task: PromiseLike<unknown>): void => {
    // Caught here so a failed task is logged, never an unhandled rejection, and still counted in drain.
    const kept = Promise.resolve(task).then(undefined, (error: unknown) =>
      logger.error('waitUntil task failed', error),
    );
    drain?.keep(kept);
  };
  const bodyTimeout = nonNegative('bodyTimeout', options.bodyTimeout, 0);
  const responseTimeout = nonNegative('responseTimeout', options.responseTimeout, 0);
  const interval = sweepInterval(bodyTimeout, responseTimeout);
  return {
    app,
    logger,
    rootPath: options.rootPath ?? '',
    state: options.state,
    maxBodySize: nonNegative('maxBodySize', options.maxBodySize, Number.POSITIVE_INFINITY),
    writeTimeout: nonNegative('writeTimeout', options.writeTimeout, 0),
    heartbeat: nonNegative('heartbeat', options.heartbeat, 0),
    bodyTimeout,
    responseTimeout,
    maxHeaderCount: nonNegative('maxHeaderCount', options.maxHeaderCount, 0) || Number.POSITIVE_INFINITY,
    sweep: interval === null ? null : new DeadlineSweep(interval),
    rejections: rejectionLogFor(logger),
    drain,
    onResponse: options.onResponse,
    extensions: Object.freeze({
      trailers: FLAG,
      file: FLAG,
      earlyHints: FLAG,
      tasks: Object.freeze({ waitUntil }),
    }),
  };
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`toNodeHandler: ${name} must be a number >= 0, got ${String(value)}`);
  }
  return value;
}
