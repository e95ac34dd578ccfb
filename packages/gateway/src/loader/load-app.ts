import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { App } from '../types.js';
import { type CommonJsReason, commonJsReason } from './module-format.js';
import { importTypeScript, missingTsxMessage } from './typescript-import.js';

/** A module or export given to {@link loadApp} that cannot serve as an app; the message says why. */
export class AppLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppLoadError';
  }
}

/** What {@link loadApp} found. */
export interface LoadedApp {
  readonly app: App;
  /** The export the app came from (`default` when the spec named none). */
  readonly exportName: string;
  /** True when the export is a factory the spec called (`app.ts:createApp()`). */
  readonly called: boolean;
  /** The module's absolute path. */
  readonly path: string;
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
const EXTENSIONS = ['', '.ts', '.js', '.mts', '.mjs'];

/**
 * Loads an app from a `<module>[:<export>]` spec, as the CLIs take it: the module path is resolved from
 * `cwd` (the process's by default; the extension may be left out), TypeScript is loaded through tsx (an
 * optional peer: only `.ts` apps need it) and JavaScript natively, and the export (`default` unless named) must be a function. `<export>()` names a
 * factory instead (gunicorn's `module:create_app()`): it is called once, without arguments (awaited if
 * it returns a promise), and must return the app. An export without `()` that takes no arguments looks
 * like such a factory rather than an app (which takes `scope, receive, send`): it is refused with a
 * message saying to add `()`, rather than served to answer every request with a 500. Every failure is
 * an {@link AppLoadError} with a message meant for the person at the terminal.
 *
 * @example
 * ```ts
 * const { app, exportName, path } = await loadApp('examples/hello-gateway/app.ts');
 * const named = await loadApp('src/main.ts:api', { cwd: '/srv/site' });
 * const built = await loadApp('src/main.ts:createApp()'); // calls createApp() once
 * ```
 */
export async function loadApp(spec: string, options: { cwd?: string } = {}): Promise<LoadedApp> {
  const { modulePath, exportName, call } = parseAppSpec(spec);
  const cwd = options.cwd ?? process.cwd();
  const path = findModule(resolve(cwd, modulePath));
  if (path === null) {
    throw new AppLoadError(`cannot find the app module "${modulePath}" (looked in ${cwd})`);
  }
  let namespace: Record<string, unknown> | null;
  try {
    const url = pathToFileURL(path).href;
    namespace = TYPESCRIPT.test(path) ? await importTypeScript(url) : await import(url);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppLoadError(`cannot load the app module ${path}: ${reason}`, { cause: error });
  }
  if (namespace === null) throw new AppLoadError(missingTsxMessage(path));
  const value = namespace[exportName];
  if (typeof value === 'function' && call) {
    return {
      app: await callFactory(value as () => unknown, `${exportName}()`, path),
      exportName,
      path,
      called: true,
    };
  }
  if (typeof value === 'function') {
    if (value.length === 0) {
      throw new AppLoadError(
        `export "${exportName}" of ${path} takes no arguments, so it looks like a factory that makes the app ` +
          `rather than the app itself (which takes scope, receive, send): serve "${modulePath}:${exportName}()" to call it`,
      );
    }
    return { app: value as App, exportName, path, called: false };
  }
  const commonJs = commonJsReason(path);
  // A CommonJS module's `default` is module.exports: `export default app` compiled to CommonJS lands
  // one level down, at default.default, and a module exporting nothing still has `default` = {}.
  const exports = commonJs === null ? undefined : namespace.default;
  if (exportName === 'default' && isObject(exports) && 'default' in exports) {
    throw new AppLoadError(commonJsMessage(path, commonJs!));
  }
  const emptyCommonJs = isObject(exports) && Object.keys(exports).length === 0;
  const names = Object.keys(namespace).filter(
    (name) => name !== 'module.exports' && !(name === 'default' && emptyCommonJs),
  );
  if (names.length === 0) {
    throw new AppLoadError(
      `${path} exports nothing: a server runs the app the module exports, so end it with "export default app"`,
    );
  }
  if (value === undefined) {
    throw new AppLoadError(
      `${path} has no export "${exportName}" (its exports: ${names.join(', ')}); name one as "${modulePath}:<export>"`,
    );
  }
  throw new AppLoadError(`export "${exportName}" of ${path} is not a function (it is ${describe(value)})`);
}

async function callFactory(factory: () => unknown, call: string, path: string): Promise<App> {
  let made: unknown;
  try {
    made = await factory();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppLoadError(`${call} of ${path} failed: ${reason}`, { cause: error });
  }
  if (typeof made !== 'function') {
    throw new AppLoadError(`${call} of ${path} returned ${describe(made)}, not an app (a function)`);
  }
  return made as App;
}

function commonJsMessage(path: string, reason: CommonJsReason): string {
  const why =
    reason.by === 'extension'
      ? 'its extension makes it CommonJS'
      : reason.packageJson === null
        ? 'no package.json says "type": "module"'
        : `${reason.packageJson} does not say "type": "module"`;
  const fix =
    reason.by === 'extension'
      ? 'rename it to .ts/.js in a "type": "module" package, or to .mts/.mjs'
      : 'add "type": "module" to the package.json (npm pkg set type=module), or rename the file to .mts/.mjs';
  return `${path} was loaded as CommonJS (${why}), so its "export default" is not the app: ${fix}`;
}

/**
 * Splits `<module>[:<export>[()]]`. The export part must be an identifier, so a Windows drive
 * (`C:\app.ts`) stays part of the path; `()` after it asks for the export to be called (a factory).
 *
 * @example
 * ```ts
 * parseAppSpec('app.ts:api'); // { modulePath: 'app.ts', exportName: 'api', call: false }
 * parseAppSpec('app.ts:createApp()'); // { modulePath: 'app.ts', exportName: 'createApp', call: true }
 * ```
 */
export function parseAppSpec(spec: string): { modulePath: string; exportName: string; call: boolean } {
  const match = /^(.*):([A-Za-z_$][\w$]*)(\(\))?$/.exec(spec);
  const modulePath = match?.[1] ?? spec;
  if (modulePath.trim() === '') throw new AppLoadError(`no module in the app spec "${spec}"`);
  return { modulePath, exportName: match?.[2] ?? 'default', call: match?.[3] !== undefined };
}

function findModule(base: string): string | null {
  for (const extension of EXTENSIONS) {
    const candidate = base + extension;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
