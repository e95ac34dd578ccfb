import { posix } from 'node:path';

/** The extension a template name without one gets. */
export const TEMPLATE_EXTENSION = '.eta';

/**
 * The canonical name of a template: `/`-separated, inside the template folders, with an extension
 * (`.eta` when none). A name starting with `./` or `../` is relative to the template `from` that
 * includes it; any other is looked up from the folders' tops, as Jinja's names are. A name that
 * would leave the folders (`../` past the top, an absolute path, a backslash or NUL) throws.
 *
 * @example
 * ```ts
 * templateName('notes/list'); // 'notes/list.eta'
 * templateName('./row', 'notes/list.eta'); // 'notes/row.eta'
 * ```
 */
export function templateName(name: string, from?: string): string {
  if (
    name === '' ||
    name.includes('\\') ||
    name.includes('\0') ||
    posix.isAbsolute(name) ||
    /^[A-Za-z]:/.test(name)
  )
    throw new TypeError(
      `Invalid template name ${JSON.stringify(name)}: use a relative path like "notes/list"`,
    );
  const relative = from !== undefined && (name.startsWith('./') || name.startsWith('../'));
  const joined = posix.normalize(relative ? posix.join(posix.dirname(from), name) : name);
  if (joined === '..' || joined.startsWith('../'))
    throw new TypeError(`Template name ${JSON.stringify(name)} leaves the template folders`);
  return posix.extname(joined) === '' ? `${joined}${TEMPLATE_EXTENSION}` : joined;
}
