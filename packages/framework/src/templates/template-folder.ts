import { isAbsolute, join } from 'node:path';

/** Where an app or blueprint keeps its templates: a folder name or path, or `false` for none. */
export type TemplateFolderOption = string | false;

/** Flask's default: `<root>/templates`. */
export const DEFAULT_TEMPLATE_FOLDER = 'templates';

/**
 * The absolute template folder of an app or blueprint, or `undefined` when it has none: `false`, or the
 * default with no `root` to find it in. A relative folder given explicitly without a `root` is refused,
 * as it would depend on the directory the server starts in.
 *
 * @example
 * ```ts
 * templateFolderOf('/srv/app', undefined, 'new Flagon()'); // '/srv/app/templates'
 * ```
 */
export function templateFolderOf(
  root: string | undefined,
  option: TemplateFolderOption | undefined,
  owner: string,
): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined && isAbsolute(option)) return option;
  if (root === undefined) {
    if (option === undefined) return undefined;
    throw new TypeError(
      `${owner}: templateFolder ${JSON.stringify(option)} is relative, so it needs a root (root: import.meta.dirname) or an absolute path`,
    );
  }
  return join(root, option ?? DEFAULT_TEMPLATE_FOLDER);
}
