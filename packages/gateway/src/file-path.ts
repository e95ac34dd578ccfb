// POSIX (/srv/a), Windows drive (C:\a or C:/a) and UNC (\\host\share) paths are absolute.
const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/]|\\\\)/;

/**
 * True for a path `http.response.file` may carry: an absolute one, on POSIX or Windows. A relative path
 * would be read from the server's working directory, wherever that is: every transport refuses it.
 *
 * @example
 * ```ts
 * isAbsoluteFilePath('/srv/static/logo.png'); // true
 * isAbsoluteFilePath('static/logo.png'); // false
 * ```
 */
export function isAbsoluteFilePath(path: unknown): path is string {
  return typeof path === 'string' && ABSOLUTE_PATH.test(path);
}
