import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { argsErrorMessage } from '../loader/args-error.js';
import { parseAppSpec } from '../loader/load-app.js';
import type { LogLevel } from '../logger.js';
import { compileAccessLogFormat, DEFAULT_ACCESS_LOG_FORMAT } from './access-log-format.js';
import { parseBind } from './bind.js';
import type { ServeOptions } from './options.js';
import { SERVE_DEFAULTS } from './options.js';
import type { ReloadOptions } from './reload/options.js';
import { RELOAD_DEFAULTS } from './reload/options.js';
import { parseTrustedProxies } from './trusted-proxies.js';
import type { WorkerOptions } from './workers/options.js';
import { WORKER_DEFAULTS } from './workers/options.js';

/** What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'serve';
      /** `<module>[:<export>]`, for `loadApp`. */
      readonly appSpec: string;
      readonly logLevel: LogLevel;
      readonly options: ServeOptions;
      /** Worker processes under a supervisor (`--workers`, or one for `--reload`), or `null` for one process. */
      readonly workers: WorkerOptions | null;
      /** What `--reload` watches, or `null` without it. */
      readonly reload: ReloadOptions | null;
    };

/** A command line the CLI cannot run; exits 2 with the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const MIB = 1024 * 1024;
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export const HELP = `Usage: flagon-gateway serve <module>[:<export>] [options]

Serves a gateway app (the module's default export, or the named one) with the reference server.
TypeScript (.ts) and JavaScript (.js) modules are resolved from the current directory.

Options:
  --host <host>                   interface to listen on (default ${SERVE_DEFAULTS.host})
  --port <port>                   port to listen on; 0 picks a free one (default: $PORT, else ${SERVE_DEFAULTS.port})
  --bind <address>                listen on host:port, [ipv6]:port or unix:/path.sock instead of --host and
                                  --port; repeat it to listen on several (a stale socket file is removed)
  --unix-socket-mode <mode>       permissions of the unix socket files, in octal, e.g. 660 (default: umask)
  --root-path <path>              the prefix the app is mounted under (scope.rootPath), e.g. /api
  --proxy-headers                 believe Forwarded and X-Forwarded-For/-Proto/-Host/-Prefix from trusted proxies
  --forwarded-allow-ips <list>    the trusted proxies: IPs, CIDRs or * (default: $FORWARDED_ALLOW_IPS, else ${SERVE_DEFAULTS.forwardedAllowIps})
  --log-level <level>             debug, info, warn or error (default info)
  --graceful-timeout <seconds>    how long a shutdown waits for in-flight requests (default ${SERVE_DEFAULTS.gracefulTimeout / 1000})
  --max-body-size <size>          largest request body: bytes, or with kb, mb, gb (default ${SERVE_DEFAULTS.maxBodySize / MIB}mb)
  --write-timeout <seconds>       how long a client may stop reading a response (default ${SERVE_DEFAULTS.writeTimeout / 1000})
  --header-timeout <seconds>      time to receive a request's headers, then 408 (default ${SERVE_DEFAULTS.headersTimeout / 1000})
  --request-timeout <seconds>     time to receive a whole request, then 408; 0 = none (default ${SERVE_DEFAULTS.requestTimeout / 1000})
  --body-timeout <seconds>        time the app may wait for the next body bytes, then 408; 0 = none (default ${SERVE_DEFAULTS.bodyTimeout / 1000})
  --keep-alive-timeout <seconds>  how long an idle keep-alive connection stays open (default ${SERVE_DEFAULTS.keepAliveTimeout / 1000})
  --response-timeout <seconds>    time to a complete response, then 503 or a cut; 0 = none (default 0)
  --max-connections <n>           open connections at most, more are closed at once; 0 = none (default ${SERVE_DEFAULTS.maxConnections})
  --max-header-count <n>          header fields per request, more get 431; 0 = none (default ${SERVE_DEFAULTS.maxHeaderCount})
  --max-header-size <size>        bytes of request line and headers, more get 431 (default ${SERVE_DEFAULTS.maxHeaderSize / 1024}kb)
  --no-access-log                 do not write the access log to stdout
  --access-log-format <format>    the access log's line, gunicorn's atoms: %(h)s client, %(r)s request line,
                                  %(s)s status, %(b)s bytes, %(D)s microseconds, %(a)s user agent,
                                  %({name}i)s a request header... (default: '${DEFAULT_ACCESS_LOG_FORMAT}')
  --workers <n>                   run n worker processes under a supervisor (default: one process, no supervisor)
  --timeout <seconds>             with --workers: kill a worker whose event loop is blocked this long; 0 = never (default ${WORKER_DEFAULTS.timeout / 1000})
  --max-requests <n>              with --workers: replace a worker after n requests; 0 = never (default 0)
  --max-requests-jitter <n>       with --workers: add 0 to n requests per worker, so they do not all retire at once (default 0)
  --reload                        for development: restart the worker when a source file under the app's folder
                                  changes; a change that fails to load leaves the old worker serving
  --reload-dir <path>             with --reload: watch this folder (or file) too; repeatable
  --reload-include <glob>         with --reload: more files whose change reloads; repeatable
                                  (default: ${RELOAD_DEFAULTS.include.join(' ')})
  --reload-exclude <glob>         with --reload: more files and folders not watched; repeatable
                                  (default: ${RELOAD_DEFAULTS.exclude.join(' ')}; node_modules and .git never are)
  -h, --help                      show this help
  -v, --version                   show the version

Signals: SIGTERM or SIGINT drains (stops accepting, lets in-flight requests finish up to the graceful
timeout, runs the lifespan shutdown) and exits; a second signal exits at once. With --workers (and
--reload), the supervisor drains every worker that way, and SIGHUP replaces the workers one by one (a
new one ready before an old one drains), loading the app's code afresh, as --reload does on a save.

Faults: an unhandled promise rejection in app code is logged and serving goes on; an uncaught exception
is logged, then the server drains as on SIGTERM and exits 1.

Exit codes:
  0  stopped cleanly after a signal (or --help, --version)
  1  the app could not be loaded, its lifespan startup or shutdown failed, the port could not be
     opened, a second signal cut the shutdown short, or an uncaught exception made it drain and stop
     (with --reload, an app that cannot start waits for the next save instead)
  2  the command line is wrong
`;

/**
 * Reads `flagon-gateway`'s arguments (without `node` and the script). `env` supplies `PORT`.
 *
 * @example
 * ```ts
 * parseCli(['serve', 'app.ts', '--port', '0'], {});
 * // { kind: 'serve', appSpec: 'app.ts', logLevel: 'info', options: { port: 0, ... } }
 * ```
 */
export function parseCli(argv: readonly string[], env: Record<string, string | undefined>): CliCommand {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    throw new UsageError(argsErrorMessage(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, appSpec, ...extra] = positionals;
  if (command === undefined) throw new UsageError('missing the command: flagon-gateway serve <module>');
  if (command !== 'serve') throw new UsageError(`unknown command "${command}" (the only one is "serve")`);
  if (appSpec === undefined) throw new UsageError('missing the app module: flagon-gateway serve <module>');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!LEVELS.includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const bind = values.bind?.map((text) => {
    try {
      return parseBind(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  if (bind !== undefined && (values.host !== undefined || values.port !== undefined)) {
    throw new UsageError('--bind replaces --host and --port: give one or the other');
  }
  const port = bind === undefined ? (values.port ?? env.PORT) : undefined;
  const options: ServeOptions = {
    bind,
    unixSocketMode: optional(values['unix-socket-mode'], parseMode),
    rootPath: optional(values['root-path'], parseRootPath),
    proxyHeaders: values['proxy-headers'],
    forwardedAllowIps: optional(values['forwarded-allow-ips'] ?? env.FORWARDED_ALLOW_IPS, parseAllowIps),
    host: values.host,
    port: port === undefined ? undefined : parsePort(port, values.port === undefined ? 'PORT' : '--port'),
    gracefulTimeout: optional(values['graceful-timeout'], (t) => parseSeconds(t, '--graceful-timeout')),
    writeTimeout: optional(values['write-timeout'], (t) => parseSeconds(t, '--write-timeout')),
    maxBodySize: optional(values['max-body-size'], (t) => parseSize(t, '--max-body-size')),
    headersTimeout: optional(values['header-timeout'], (t) => parseSeconds(t, '--header-timeout')),
    requestTimeout: optional(values['request-timeout'], (t) => parseSeconds(t, '--request-timeout')),
    bodyTimeout: optional(values['body-timeout'], (t) => parseSeconds(t, '--body-timeout')),
    keepAliveTimeout: optional(values['keep-alive-timeout'], (t) => parseSeconds(t, '--keep-alive-timeout')),
    responseTimeout: optional(values['response-timeout'], (t) => parseSeconds(t, '--response-timeout')),
    maxConnections: optional(values['max-connections'], (t) => parseCount(t, '--max-connections')),
    maxHeaderCount: optional(values['max-header-count'], (t) => parseCount(t, '--max-header-count')),
    maxHeaderSize: optional(values['max-header-size'], (t) => parseSize(t, '--max-header-size')),
    accessLog: !values['no-access-log'],
    accessLogFormat: optional(values['access-log-format'], parseAccessLogFormat),
  };
  const reload = reloadOptions(values, appSpec);
  const workers = reload === null ? workerOptions(values, options) : reloadWorker(values, options);
  return { kind: 'serve', appSpec, logLevel, options, workers, reload };
}

/**
 * A byte size: a plain number of bytes, or one with a binary unit (`kb`, `mb`, `gb`: 1024-based).
 *
 * @example
 * ```ts
 * parseSize('10mb'); // 10485760
 * ```
 */
export function parseSize(text: string, name = '--max-body-size'): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(text.trim());
  if (match === null) throw new UsageError(`${name} must be bytes or a size like 10mb, got "${text}"`);
  const unit = (match[2] ?? 'b').toLowerCase()[0] as 'b' | 'k' | 'm' | 'g';
  const scale = { b: 1, k: 1024, m: MIB, g: 1024 * MIB }[unit];
  return Math.floor(Number(match[1]) * scale);
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      bind: { type: 'string', multiple: true },
      'unix-socket-mode': { type: 'string' },
      'root-path': { type: 'string' },
      'proxy-headers': { type: 'boolean' },
      'forwarded-allow-ips': { type: 'string' },
      'log-level': { type: 'string' },
      'graceful-timeout': { type: 'string' },
      'max-body-size': { type: 'string' },
      'write-timeout': { type: 'string' },
      'header-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'body-timeout': { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      'response-timeout': { type: 'string' },
      'max-connections': { type: 'string' },
      'max-header-count': { type: 'string' },
      'max-header-size': { type: 'string' },
      'no-access-log': { type: 'boolean' },
      'access-log-format': { type: 'string' },
      workers: { type: 'string' },
      timeout: { type: 'string' },
      'max-requests': { type: 'string' },
      'max-requests-jitter': { type: 'string' },
      reload: { type: 'boolean' },
      'reload-dir': { type: 'string', multiple: true },
      'reload-include': { type: 'string', multiple: true },
      'reload-exclude': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

function workerOptions(
  values: ReturnType<typeof parseFlags>['values'],
  options: ServeOptions,
): WorkerOptions | null {
  const supervisorOnly = ['timeout', 'max-requests', 'max-requests-jitter'] as const;
  if (values.workers === undefined) {
    const given = supervisorOnly.find((name) => values[name] !== undefined);
    if (given !== undefined)
      throw new UsageError(`--${given} needs --workers (a supervisor to replace workers)`);
    return null;
  }
  const count = parseCount(values.workers, '--workers');
  if (count < 1) throw new UsageError(`--workers must be at least 1, got "${values.workers}"`);
  return {
    count,
    timeout: optional(values.timeout, (t) => parseSeconds(t, '--timeout')) ?? WORKER_DEFAULTS.timeout,
    maxRequests: optional(values['max-requests'], (t) => parseCount(t, '--max-requests')) ?? 0,
    maxRequestsJitter:
      optional(values['max-requests-jitter'], (t) => parseCount(t, '--max-requests-jitter')) ?? 0,
    gracefulTimeout: options.gracefulTimeout ?? SERVE_DEFAULTS.gracefulTimeout,
  };
}

function reloadOptions(
  values: ReturnType<typeof parseFlags>['values'],
  appSpec: string,
): ReloadOptions | null {
  const reloadOnly = ['reload-dir', 'reload-include', 'reload-exclude'] as const;
  if (values.reload !== true) {
    const given = reloadOnly.find((name) => values[name] !== undefined);
    if (given !== undefined) throw new UsageError(`--${given} needs --reload`);
    return null;
  }
  if (values.workers !== undefined) {
    throw new UsageError(
      '--reload runs one worker, restarted on changes: give --reload or --workers, not both',
    );
  }
  let modulePath: string;
  try {
    modulePath = parseAppSpec(appSpec).modulePath;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const extra = (values['reload-dir'] ?? []).map((dir) => {
    const path = resolve(dir);
    if (!existsSync(path)) throw new UsageError(`--reload-dir ${dir}: no such file or folder`);
    return path;
  });
  return {
    dirs: [...new Set([dirname(resolve(modulePath)), ...extra])],
    include: values['reload-include'] ?? [],
    exclude: values['reload-exclude'] ?? [],
  };
}

/** `--reload`'s one worker: no heartbeat timeout (a debugger's breakpoint is not a hang). */
function reloadWorker(values: ReturnType<typeof parseFlags>['values'], options: ServeOptions): WorkerOptions {
  const supervisorOnly = ['timeout', 'max-requests', 'max-requests-jitter'] as const;
  const given = supervisorOnly.find((name) => values[name] !== undefined);
  if (given !== undefined) throw new UsageError(`--${given} needs --workers, and --reload runs one worker`);
  return {
    count: 1,
    timeout: 0,
    maxRequests: 0,
    maxRequestsJitter: 0,
    gracefulTimeout: options.gracefulTimeout ?? SERVE_DEFAULTS.gracefulTimeout,
    firstBootFailure: 'wait',
    idleOnDrain: 'close',
  };
}

function parseAccessLogFormat(text: string): string {
  try {
    compileAccessLogFormat(text);
  } catch (error) {
    throw new UsageError(`--access-log-format: ${(error as Error).message}`);
  }
  return text;
}

function parseRootPath(text: string): string {
  if (text !== '' && (!text.startsWith('/') || text.endsWith('/'))) {
    throw new UsageError(`--root-path must start with / and not end with one, like /api, got "${text}"`);
  }
  return text;
}

function parseAllowIps(text: string): string {
  try {
    parseTrustedProxies(text);
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
  return text;
}

function parseMode(text: string): number {
  if (!/^0?[0-7]{3}$/.test(text))
    throw new UsageError(`--unix-socket-mode must be octal, like 660, got "${text}"`);
  return Number.parseInt(text, 8);
}

function parsePort(text: string, name: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`${name} must be a port number, got "${text}"`);
  return port;
}

function parseSeconds(text: string, name: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new UsageError(`${name} must be a number of seconds, got "${text}"`);
  }
  return seconds * 1000;
}

function parseCount(text: string, name: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${name} must be a whole number, got "${text}"`);
  return Number(text);
}

function optional<T>(text: string | undefined, parse: (text: string) => T): T | undefined {
  return text === undefined ? undefined : parse(text);
}
