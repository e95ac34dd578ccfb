import type { Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Logger } from '../../logger.js';
import { RELOAD_DEFAULTS, type ReloadOptions } from './options.js';
import { reloadFilter } from './reload-filter.js';

/** A running source watcher (see {@link watchSources}). */
export interface SourceWatcher {
  /** Stops watching. */
  close(): Promise<void>;
}

/**
 * Watches the app's sources for `--reload` with chokidar, and calls `onChange` with the changed files (absolute paths) once a burst of
 * changes has been quiet for `debounce` ms: an editor's save of several files, or a `git checkout`,
 * is one reload. Resolves once the first scan is done, so that a change made after it is seen.
 *
 * @example
 * ```ts
 * const watcher = await watchSources(reload, (files) => supervisor.reload(`${files[0]} changed`), logger);
 * ```
 */
export async function watchSources(
  options: ReloadOptions,
  onChange: (files: readonly string[]) => void,
  logger: Logger,
  debounce: number = RELOAD_DEFAULTS.debounce,
): Promise<SourceWatcher> {
  const { watch } = await import('chokidar');
  const filter = reloadFilter(options);
  const watcher = watch([...options.dirs], {
    ignoreInitial: true,
    // Folders are pruned here; files are judged on their events (their stats are not always known).
    ignored: (path: string, stats?: Stats) => stats?.isDirectory() === true && filter.skipsFolder(path),
  });
  let changed = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    timer = null;
    const files = [...changed];
    changed = new Set();
    onChange(files);
  };
  const seen = (path: string): void => {
    if (!filter.watchesFile(path)) return;
    changed.add(path);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, debounce);
  };
  watcher.on('add', seen).on('change', seen).on('unlink', seen);
  // A folder that cannot be read (permissions, too many watches) costs its changes, not the server.
  watcher.on('error', (error) => logger.warn('--reload: watching failed', error));
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return {
    async close() {
      if (timer !== null) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/**
 * A short list of changed files for a log line: the first three, from the current directory when they
 * are under it (absolute otherwise), then how many more.
 *
 * @example
 * ```ts
 * describeChanges(['/srv/app/app.ts']); // 'app.ts'
 * ```
 */
export function describeChanges(files: readonly string[], cwd = process.cwd()): string {
  const shown = files.slice(0, 3).map((file) => {
    const near = relative(cwd, file);
    return near === '' || near.startsWith('..') || isAbsolute(near) ? file : near;
  });
  const more = files.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
