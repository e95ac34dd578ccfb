import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';

// Windows also reads `C:x` as a drive and `name:stream` as an alternate data stream: no colon there.
const WINDOWS = sep === '\\';
const DRIVE = /^[A-Za-z]:/;

/**
 * The segments of `name`, a client-given path below some folder, when it is a plain relative path of
 * visible names; `undefined` for anything that could leave the folder or reach a hidden file: `..` or
 * `.` segments, dotfiles (`.env`, `.git/`), empty segments (`a//b`, a leading `/`), a backslash (a
 * separator on Windows), a NUL (cuts the name short in C), a drive letter (`C:`).
 *
 * @example
 * ```ts
 * safeSegments('css/app.css'); // ['css', 'app.css']
 * safeSegments('../secret.txt'); // undefined
 * ```
 */
export function safeSegments(name: string): string[] | undefined {
  if (name.length === 0 || name.includes('\0') || name.includes('\\') || DRIVE.test(name)) return undefined;
  const segments = name.split('/');
  for (const segment of segments) {
    if (segment === '' || segment.charCodeAt(0) === 0x2e /* . */) return undefined;
    if (WINDOWS && segment.includes(':')) return undefined;
  }
  return segments;
}

// The errors that say "no such file here", as opposed to the machine's trouble (EMFILE), which stays a 500.
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'EINVAL', 'EACCES', 'EPERM']);

/** True for a filesystem error that means the file is not there (or not reachable): a 404. */
export function isMissingFileError(error: unknown): boolean {
  return MISSING.has((error as { code?: unknown } | null)?.code as string);
}

/**
 * A folder files are served from, safely: {@link FolderRoot.resolve} gives the real path of a file
 * inside it, or `undefined` for a name that would lead outside it (by `..`, an absolute path, or a
 * symlink pointing out). The folder's own real path is looked up once and kept, so a request costs one
 * `realpath` of the file.
 *
 * @example
 * ```ts
 * const folder = new FolderRoot('/srv/app/static');
 * await folder.resolve('css/app.css'); // '/srv/app/static/css/app.css'
 * await folder.resolve('../app.ts'); // undefined
 * ```
 */
export class FolderRoot {
  #real: Promise<string> | undefined;

  constructor(readonly path: string) {}

  /** The real path of a file inside the folder named by `name`, or `undefined` when there is none. */
  async resolve(name: string): Promise<string | undefined> {
    const segments = safeSegments(name);
    if (segments === undefined) return undefined;
    try {
      const root = await this.real();
      // Resolved through every symlink, then checked: a link inside the folder may point anywhere.
      const file = await realpath(join(root, ...segments));
      return isInside(root, file) ? file : undefined;
    } catch (error) {
      if (isMissingFileError(error)) return undefined;
      throw error;
    }
  }

  /** The folder's real path, kept once found (a failure is not kept: the folder may appear later). */
  private real(): Promise<string> {
    if (this.#real === undefined) {
      const pending = realpath(this.path);
      this.#real = pending;
      pending.catch(() => {
        if (this.#real === pending) this.#real = undefined;
      });
    }
    return this.#real;
  }
}

/** True when `file` is strictly below `root` (both real paths). */
function isInside(root: string, file: string): boolean {
  const prefix = root.endsWith(sep) ? root : root + sep;
  return file.length > prefix.length && file.startsWith(prefix);
}
