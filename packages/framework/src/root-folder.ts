import { fileURLToPath } from 'node:url';
import { isAbsoluteFilePath } from '@flagon/gateway/core';

/**
 * The folder an app or blueprint finds its `templates/` and `static/` in (Flask's `root_path`), from
 * what the user gave: an absolute path (`import.meta.dirname`) or a `file:` URL (`new URL('.', import.meta.url)`).
 * A relative path is refused: it would depend on the directory the server happens to start in.
 *
 * @example
 * ```ts
 * rootFolder(new URL('.', import.meta.url)); // '/srv/app/'
 * ```
 */
export function rootFolder(root: string | URL, owner: string): string {
  const path = root instanceof URL || root.startsWith('file:') ? fileURLToPath(root) : root;
  if (!isAbsoluteFilePath(path)) {
    throw new TypeError(
      `${owner}: root must be an absolute folder path or a file: URL (import.meta.dirname), got ${JSON.stringify(String(root))}`,
    );
  }
  return path;
}
