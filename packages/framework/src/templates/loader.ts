import type { Stats } from 'node:fs';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateNotFoundError } from './errors.js';

/** A template file found in one of the folders, with what tells whether it changed since. */
export interface TemplateSource {
  readonly file: string;
  readonly mtimeMs: number;
  readonly size: number;
}

/**
 * Finds template `name` in `folders`, the first that has it winning (the app's folder before its
 * blueprints', as Flask's loader). Throws a `TemplateNotFoundError` listing every path tried.
 *
 * @example
 * ```ts
 * locateTemplate('notes/list.eta', ['/srv/app/templates']).file; // '/srv/app/templates/notes/list.eta'
 * ```
 */
export function locateTemplate(name: string, folders: readonly string[]): TemplateSource {
  const searched: string[] = [];
  for (const folder of folders) {
    const file = join(folder, name);
    searched.push(file);
    const stats = fileStats(file);
    if (stats !== undefined) return { file, mtimeMs: stats.mtimeMs, size: stats.size };
  }
  throw new TemplateNotFoundError(name, searched);
}

/**
 * The text of a located template.
 *
 * @example
 * ```ts
 * const source = readTemplate(locateTemplate('index.eta', folders));
 * ```
 */
export function readTemplate(source: TemplateSource): string {
  return readFileSync(source.file, 'utf8');
}

function fileStats(file: string): Stats | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats?.isFile() ? stats : undefined;
}
