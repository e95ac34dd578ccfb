import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Response } from '../response.js';
import { normalizePrefix } from '../routing/url-prefix.js';
import { cacheControl } from './cache-control.js';
import { FolderRoot } from './safe-path.js';
import { sendFromFolder } from './send-file.js';

/** The static-folder options of `new Flagon()` and `new Blueprint()` (Flask's `static_folder` & co). */
export interface StaticFolderOptions {
  /**
   * The folder served at `staticUrlPath` as endpoint `static` (`blueprint.static` on a blueprint):
   * relative to `root` or absolute; `false` serves none. On an app the default is `'static'`, served only
   * when `root` is given and `<root>/static` exists when the app is made; a blueprint serves none unless
   * given one (as Flask's). A folder named here is served even if it does not exist yet (404 until then).
   */
  staticFolder?: string | false;
  /** The URL path the static folder is served under, default `/static` (below a blueprint's prefix). */
  staticUrlPath?: string;
}

/** What the static route needs of a request: its params and the app's config. */
export interface StaticRouteContext {
  readonly params: unknown;
  readonly config: unknown;
}

/**
 * Adds a `GET` route named `static` on the app or blueprint being made (a small function rather than
 * the scaffold itself, so this file needs nothing from the core).
 */
export type AddStaticRoute = (path: string, handler: (c: StaticRouteContext) => Promise<Response>) => void;

/**
 * Adds the route `GET <staticUrlPath>/*filename`, named `static`, serving the static folder of the scaffold
 * (see {@link StaticFolderOptions}) when it has one: with `Cache-Control` from the config's
 * `STATIC_MAX_AGE` (seconds; unset or `null`: `no-cache`), read per request.
 *
 * @example
 * ```ts
 * addStaticRoute((path, handler) => app.get(path, { name: 'static' }, handler), app.root, options, 'new Flagon()');
 * ```
 */
export function addStaticRoute(
  addRoute: AddStaticRoute,
  root: string | undefined,
  options: StaticFolderOptions,
  owner: string,
): void {
  const folder = staticFolderPath(root, options, owner);
  if (folder === undefined) return;
  const files = new FolderRoot(folder);
  const urlPath = normalizePrefix(options.staticUrlPath ?? '/static');
  addRoute(`${urlPath}/*filename`, (c) =>
    sendFromFolder(files, (c.params as { filename: string }).filename, {
      maxAge: cacheControlSeconds((c.config as { STATIC_MAX_AGE?: unknown }).STATIC_MAX_AGE),
    }),
  );
}

/** The folder to serve, or `undefined` for none. */
function staticFolderPath(
  root: string | undefined,
  options: StaticFolderOptions,
  owner: string,
): string | undefined {
  const given = options.staticFolder;
  if (given === false) return undefined;
  if (given === undefined) {
    if (root === undefined) return undefined;
    const folder = resolve(root, 'static');
    return isDirectory(folder) ? folder : undefined;
  }
  if (isAbsolute(given)) return given;
  if (root === undefined) {
    throw new TypeError(
      `${owner}: staticFolder ${JSON.stringify(given)} is relative, so it needs a root (import.meta.dirname)`,
    );
  }
  return resolve(root, given);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `STATIC_MAX_AGE` checked (a bad value is the app's bug: a 500 naming the key). */
function cacheControlSeconds(value: unknown): number | null {
  cacheControl(value, 'config STATIC_MAX_AGE');
  return (value as number | null | undefined) ?? null;
}
