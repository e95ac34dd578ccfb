import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { NEVER_WATCHED, RELOAD_DEFAULTS, type ReloadOptions } from './options.js';

/** Which paths under the watched folders count (see {@link reloadFilter}). */
export interface ReloadFilter {
  /** True for a folder not to descend into: `node_modules`, `.git`, or one an exclude pattern matches. */
  skipsFolder(path: string): boolean;
  /** True for a file whose change reloads. */
  watchesFile(path: string): boolean;
}

/**
 * Decides, as uvicorn's `--reload-include` / `--reload-exclude` do, which changes reload. A pattern
 * without `/` is matched against the file's (or folder's) name, one with `/` against its path from the
 * watched folder (picomatch globs: `*`, `**`, `{a,b}`; dot files match). A file reloads when an include
 * pattern matches it and no exclude pattern does, except that a file the user's own `include` names
 * wins over the default excludes (`--reload-include .env` watches `.env` despite `.*`). The user's
 * excludes always win. Folders that an exclude pattern matches, and every `node_modules` and `.git`,
 * are not watched at all.
 *
 * @example
 * ```ts
 * const filter = reloadFilter({ dirs: ['/srv/app'], include: ['*.eta'], exclude: ['generated/**'] });
 * filter.watchesFile('/srv/app/views/page.eta'); // true
 * filter.watchesFile('/srv/app/generated/routes.ts'); // false
 * filter.skipsFolder('/srv/app/node_modules'); // true
 * ```
 */
export function reloadFilter(options: ReloadOptions): ReloadFilter {
  const match = (patterns: readonly string[]): ((rel: string) => boolean) => {
    // picomatch's own `basename` option stops patterns with a slash from matching: split them here.
    const byName = glob(patterns.filter((pattern) => !pattern.includes('/')));
    const byPath = glob(patterns.filter((pattern) => pattern.includes('/')));
    return (rel) => byName(rel.slice(rel.lastIndexOf('/') + 1)) || byPath(rel);
  };
  const defaultInclude = match(RELOAD_DEFAULTS.include);
  const defaultExclude = match(RELOAD_DEFAULTS.exclude);
  const userInclude = match(options.include);
  const userExclude = match(options.exclude);
  const never = new Set(NEVER_WATCHED);
  const dirs = [...options.dirs].sort((a, b) => b.length - a.length); // the deepest folder first

  /** The path from the watched folder it is under, with `/` separators, or null when it is under none. */
  const fromRoot = (path: string): string | null => {
    for (const dir of dirs) {
      if (path === dir) return '';
      if (path.startsWith(dir + sep)) return relative(dir, path).split(sep).join('/');
    }
    return null;
  };
  const underNeverWatched = (rel: string): boolean => rel.split('/').some((part) => never.has(part));

  return {
    skipsFolder(path) {
      const rel = fromRoot(path);
      if (rel === null || rel === '') return false;
      return underNeverWatched(rel) || userExclude(rel) || defaultExclude(rel);
    },
    watchesFile(path) {
      const rel = fromRoot(path);
      if (rel === null) return false;
      // A file given itself as a --reload-dir is watched whatever its name.
      if (rel === '') return true;
      if (underNeverWatched(rel) || userExclude(rel)) return false;
      if (userInclude(rel)) return true;
      return defaultInclude(rel) && !defaultExclude(rel);
    },
  };
}

function glob(patterns: readonly string[]): (text: string) => boolean {
  return patterns.length === 0 ? () => false : picomatch([...patterns], { dot: true });
}
