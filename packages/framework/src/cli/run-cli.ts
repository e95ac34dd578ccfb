import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AppLoadError, argsErrorMessage, isArgsError, loadApp } from '@flagon/gateway/loader';
import type { RouteInfo } from '../routing/index.js';
import { DEV_HELP, runDev } from './dev-command.js';
import { formatRoutes, ROUTE_SORTS, type RouteSort } from './routes-table.js';

/** Where the CLI reads and writes; the process's own by default, a test's in tests. */
export interface CliIO {
  /** The directory module paths are resolved from. */
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const HELP = `Usage: flagon <command> [options]

Commands:
  routes <module>[:<export>]  list the app's routes: methods, path and endpoint, sorted by path
                              (<module>:createApp() calls an app factory)
  dev <module>[:<export>]     serve the app for development, restarting it when a source file changes
                              (flagon-gateway serve <module> --reload)

Options:
  -h, --help                  show this help
  -v, --version               show the version

Run "flagon routes --help" for the options of a command.
`;

export const ROUTES_HELP = `Usage: flagon routes <module>[:<export>] [--sort path|endpoint|methods]

Lists the routes of a Flagon app (the module's default export, or the named one; an app factory
as <module>:<function>() is called) as a table of methods, path and endpoint name.

Options:
  --sort <key>  path (default), endpoint or methods
  -h, --help    show this help

Exit codes:
  0  the routes were listed
  1  the module could not be loaded, or its export is not a Flagon app
  2  the command line is wrong
`;

/** A command line that cannot be run; the message says what is wrong with it. */
class UsageError extends Error {}

/**
 * Runs `flagon` with `argv` (the arguments after the program name) and resolves with the exit code:
 * 0 done, 1 the app could not be loaded or listed, 2 a usage error.
 *
 * @example
 * ```ts
 * const code = await runCli(['routes', 'app.ts'], {
 *   cwd: process.cwd(),
 *   stdout: (text) => process.stdout.write(text),
 *   stderr: (text) => process.stderr.write(text),
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr(HELP);
      return 2;
    }
    if (command === '-h' || command === '--help') {
      io.stdout(HELP);
      return 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${readVersion()}\n`);
      return 0;
    }
    if (command.startsWith('-')) throw new UsageError(`unknown option ${command.replace(/=.*$/s, '')}`);
    if (command === 'dev') return await dev(rest, io);
    if (command !== 'routes')
      throw new UsageError(`unknown command "${command}" (the commands are routes, dev)`);
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: { sort: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout(ROUTES_HELP);
      return 0;
    }
    const sort = values.sort ?? 'path';
    if (!isRouteSort(sort)) throw new UsageError(`--sort takes ${ROUTE_SORTS.join(', ')}, not "${sort}"`);
    if (positionals.length !== 1) throw new UsageError('routes takes one app, as <module>[:<export>]');
    const { app, exportName, path } = await loadApp(positionals[0]!, { cwd: io.cwd });
    const routes = routesOf(app);
    if (routes === null) {
      io.stderr(
        `flagon: export "${exportName}" of ${path} is a gateway app but not a Flagon app: it has no routes\n`,
      );
      return 1;
    }
    io.stdout(formatRoutes(routes, sort));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || isArgsError(error)) {
      io.stderr(`flagon: ${argsErrorMessage(error)}\nRun "flagon --help" for usage.\n`);
      return 2;
    }
    if (error instanceof AppLoadError) {
      // What the module threw keeps its stack: its first frame is the file:line to fix.
      const thrown = error.cause instanceof Error ? `${error.cause.stack ?? error.cause.message}\n` : '';
      io.stderr(`flagon: ${error.message}\n${thrown}`);
      return 1;
    }
    throw error;
  }
}

/** `flagon dev`: the help, or the app and the server's options passed on to `flagon-gateway serve`. */
function dev(args: readonly string[], io: CliIO): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout(DEV_HELP);
    return Promise.resolve(0);
  }
  if (args[0] === undefined || args[0].startsWith('-')) {
    throw new UsageError('dev takes the app first, as <module>[:<export>]');
  }
  return runDev(args, io);
}

/**
 * The route list of a loaded app (`app.routes()`), or `null` for a gateway app that is not a Flagon
 * app. Duck-typed: the app module may load its own copy of the framework, so `instanceof Flagon` would
 * not hold.
 */
function routesOf(app: unknown): readonly RouteInfo[] | null {
  const { routes } = app as { routes?: unknown };
  if (typeof routes !== 'function') return null;
  return (routes as () => readonly RouteInfo[]).call(app);
}

/** The framework's version, from its package.json (../../ from both src/cli/ and the built dist/cli/). */
function readVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return String(manifest.version);
}

function isRouteSort(value: string): value is RouteSort {
  return (ROUTE_SORTS as readonly string[]).includes(value);
}
