/** What `--reload` watches (the CLI's `--reload-dir`, `--reload-include`, `--reload-exclude`). */
export interface ReloadOptions {
  /** Folders (or files) to watch, absolute: the app module's folder, then each `--reload-dir`. */
  readonly dirs: readonly string[];
  /** Globs of the files whose change reloads, added to {@link RELOAD_DEFAULTS}' `include`. */
  readonly include: readonly string[];
  /** Globs of files and folders never watched, added to {@link RELOAD_DEFAULTS}' `exclude`. */
  readonly exclude: readonly string[];
}

/**
 * The defaults of `--reload`, for the help text and the docs. `node_modules` and `.git` folders are
 * never watched, whatever the patterns say: a package install would otherwise reload a hundred times.
 */
export const RELOAD_DEFAULTS = Object.freeze({
  include: Object.freeze(['*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs', '*.json']),
  /** Dot files and folders (editors' and tools' own), and editors' backup files. */
  exclude: Object.freeze(['.*', '*~']),
  /** Milliseconds of quiet after a change before the reload starts: a save of many files is one reload. */
  debounce: 100,
});

/** Folders that are never watched. */
export const NEVER_WATCHED = Object.freeze(['node_modules', '.git']);
