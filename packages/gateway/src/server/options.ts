import type { Logger, LogLevel } from '../logger.js';
import { createLogger } from '../logger.js';
import { compileAccessLogFormat, DEFAULT_ACCESS_LOG_FORMAT } from './access-log-format.js';
import type { ListenTarget } from './bind.js';
import type { TrustedProxies } from './trusted-proxies.js';
import { parseTrustedProxies } from './trusted-proxies.js';

/** Options of {@link serve}; durations are in milliseconds. */
export interface ServeOptions {
  /** Interface to listen on; `127.0.0.1` by default (use `0.0.0.0` or `::` to accept remote clients). */
  host?: string;
  /** Port to listen on; 8000 by default, 0 for any free port (read it back from `url`). */
  port?: number;
  /**
   * Where to listen instead of `host:port`: one or more TCP addresses, unix socket paths (a stale
   * socket file from a crashed run is removed; one a live server answers on is refused) or inherited
   * descriptors. All of them serve the same app.
   */
  bind?: readonly ListenTarget[];
  /** Permissions of the unix socket files (e.g. `0o660`); the process's umask decides by default. */
  unixSocketMode?: number;
  /** The prefix the app is mounted under (`scope.rootPath`), e.g. when a proxy strips it. */
  rootPath?: string;
  /**
   * Believe `Forwarded` / `X-Forwarded-For`, `-Proto`, `-Host` and `-Prefix` from the peers in
   * `forwardedAllowIps`: they set `scope.client`, `scheme`, `server`, the `host` header and `rootPath`,
   * and the access log shows the real client. Off by default.
   */
  proxyHeaders?: boolean;
  /** The proxies trusted with `proxyHeaders`: IPs, CIDR ranges or `*`; `127.0.0.1` and `::1` by default. */
  forwardedAllowIps?: string | readonly string[];
  /** Largest request body in bytes (larger: 413); 100 MiB by default. */
  maxBodySize?: number;
  /** How long a drain waits for in-flight requests and tasks before cutting them; 30 s by default. */
  gracefulTimeout?: number;
  /** How long a socket may stay unwritable (a client that stopped reading); 30 s by default, 0 = never. */
  writeTimeout?: number;
  /** Idle time before TCP keep-alive probes look for a vanished client; 15 s by default, 0 = off. */
  heartbeat?: number;
  /** Time to receive a request's headers (Node's `headersTimeout`; then 408); 20 s by default. */
  headersTimeout?: number;
  /** Time to receive a whole request (Node's `requestTimeout`; then 408); 300 s by default, 0 = none. */
  requestTimeout?: number;
  /** How long an idle keep-alive connection stays open (Node's `keepAliveTimeout`); 5 s by default. */
  keepAliveTimeout?: number;
  /**
   * How long the app may wait in `receive()` for the next body chunk (between two reads, as nginx's
   * `client_body_timeout`); then 408 (or a cut once the response started). 30 s by default, 0 = none.
   */
  bodyTimeout?: number;
  /**
   * Time from the app's call to a complete response: then 503 if nothing was sent, else the connection
   * is cut. 0 (the default) = none: a stream may last as long as the app wants.
   */
  responseTimeout?: number;
  /** Open connections at most; one beyond it is closed as it is accepted. 1000 by default, 0 = none. */
  maxConnections?: number;
  /** Header fields a request may carry (more: 431); 100 by default, 0 = none. */
  maxHeaderCount?: number;
  /** Bytes of request line and headers together (Node's `maxHeaderSize`; more: 431); 16 KiB by default. */
  maxHeaderSize?: number;
  /** Level of the default logger; `info` by default. Ignored when `logger` is given. */
  logLevel?: LogLevel;
  /** Where the server logs (stderr by default). */
  logger?: Logger;
  /**
   * The access log: one common-log-format line per request, on stdout by default; `false` turns it off,
   * a function receives each line (without the newline) instead.
   */
  accessLog?: boolean | ((line: string) => void);
  /**
   * The access log's line format, gunicorn's atoms (`%(h)s`, `%(r)s`, `%(s)s`, `%(D)s`,
   * `%({x-request-id}i)s`...; see `compileAccessLogFormat`); the common log format by default.
   */
  accessLogFormat?: string;
  /** Drain on SIGTERM/SIGINT and exit the process (0, or 1 on a second signal); off by default. */
  handleSignals?: boolean;
  /**
   * Log an unhandled rejection and go on serving; on an uncaught exception, log it, drain and exit 1
   * (see `handleProcessFaults`). Defaults to `handleSignals`: whoever owns the process's signals owns
   * its faults too.
   */
  handleFaults?: boolean;
}

/** {@link ServeOptions} with every default filled in. */
export interface ResolvedServeOptions {
  readonly host: string;
  readonly port: number;
  /** Where to listen: `bind`, or `[{ host, port }]`. */
  readonly bind: readonly ListenTarget[];
  readonly unixSocketMode: number | undefined;
  readonly rootPath: string;
  /** The trusted proxies when `proxyHeaders` is on, else `null`. */
  readonly trustedProxies: TrustedProxies | null;
  readonly maxBodySize: number;
  readonly gracefulTimeout: number;
  readonly writeTimeout: number;
  readonly heartbeat: number;
  readonly headersTimeout: number;
  readonly requestTimeout: number;
  readonly keepAliveTimeout: number;
  readonly bodyTimeout: number;
  readonly responseTimeout: number;
  readonly maxConnections: number;
  readonly maxHeaderCount: number;
  readonly maxHeaderSize: number;
  readonly logger: Logger;
  readonly accessLog: false | ((line: string) => void) | 'stdout';
  readonly accessLogFormat: string;
  readonly handleSignals: boolean;
  readonly handleFaults: boolean;
}

/** The defaults of {@link serve}, in one place so the CLI's help and the docs can quote them. */
export const SERVE_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  forwardedAllowIps: '127.0.0.1,::1',
  port: 8000,
  maxBodySize: 100 * 1024 * 1024,
  gracefulTimeout: 30_000,
  writeTimeout: 30_000,
  heartbeat: 15_000,
  headersTimeout: 20_000,
  requestTimeout: 300_000,
  keepAliveTimeout: 5_000,
  bodyTimeout: 30_000,
  responseTimeout: 0,
  maxConnections: 1000,
  maxHeaderCount: 100,
  maxHeaderSize: 16 * 1024,
});

/**
 * Fills in the defaults and checks the numbers, so a typo fails at startup rather than under load.
 *
 * @example
 * ```ts
 * resolveServeOptions({ port: 0 }).gracefulTimeout; // 30000
 * ```
 */
export function resolveServeOptions(options: ServeOptions = {}): ResolvedServeOptions {
  const d = SERVE_DEFAULTS;
  const port = options.port ?? d.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`serve: port must be an integer from 0 to 65535, got ${String(port)}`);
  }
  const accessLog = options.accessLog ?? true;
  const headersTimeout = atLeastZero('headersTimeout', options.headersTimeout, d.headersTimeout);
  const requestTimeout = atLeastZero('requestTimeout', options.requestTimeout, d.requestTimeout);
  // Node refuses the pair at createServer; said here in the option's own words.
  if (requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw new RangeError(
      `serve: headersTimeout (${headersTimeout}) must not exceed requestTimeout (${requestTimeout})`,
    );
  }
  return {
    host: options.host ?? d.host,
    port,
    bind:
      options.bind !== undefined && options.bind.length > 0
        ? options.bind
        : [{ host: options.host ?? d.host, port }],
    unixSocketMode: options.unixSocketMode,
    rootPath: options.rootPath ?? '',
    trustedProxies:
      options.proxyHeaders === true
        ? parseTrustedProxies(options.forwardedAllowIps ?? d.forwardedAllowIps)
        : null,
    maxBodySize: atLeastZero('maxBodySize', options.maxBodySize, d.maxBodySize),
    gracefulTimeout: atLeastZero('gracefulTimeout', options.gracefulTimeout, d.gracefulTimeout),
    writeTimeout: atLeastZero('writeTimeout', options.writeTimeout, d.writeTimeout),
    heartbeat: atLeastZero('heartbeat', options.heartbeat, d.heartbeat),
    headersTimeout,
    requestTimeout,
    keepAliveTimeout: atLeastZero('keepAliveTimeout', options.keepAliveTimeout, d.keepAliveTimeout),
    bodyTimeout: atLeastZero('bodyTimeout', options.bodyTimeout, d.bodyTimeout),
    responseTimeout: atLeastZero('responseTimeout', options.responseTimeout, d.responseTimeout),
    maxConnections: wholeNumber('maxConnections', options.maxConnections, d.maxConnections),
    maxHeaderCount: wholeNumber('maxHeaderCount', options.maxHeaderCount, d.maxHeaderCount),
    maxHeaderSize: wholeNumber('maxHeaderSize', options.maxHeaderSize, d.maxHeaderSize),
    logger: options.logger ?? createLogger(options.logLevel ?? 'info'),
    accessLog: accessLog === true ? 'stdout' : accessLog,
    accessLogFormat: accessLogFormatOf(options.accessLogFormat),
    handleSignals: options.handleSignals ?? false,
    handleFaults: options.handleFaults ?? options.handleSignals ?? false,
  };
}

/** Checked here, so that a wrong format fails at startup with `serve:`, as every other option does. */
function accessLogFormatOf(format: string | undefined): string {
  if (format === undefined) return DEFAULT_ACCESS_LOG_FORMAT;
  try {
    compileAccessLogFormat(format);
  } catch (error) {
    throw new RangeError(`serve: accessLogFormat: ${(error as Error).message}`);
  }
  return format;
}

function atLeastZero(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`serve: ${name} must be a number >= 0, got ${String(value)}`);
  }
  return value;
}

function wholeNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`serve: ${name} must be a whole number >= 0, got ${String(value)}`);
  }
  return value;
}
