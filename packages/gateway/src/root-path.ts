/**
 * A request target (`/path` or `/path?query`, as sent) without the app's mount prefix: taken off when
 * the target starts with it, left alone otherwise, since a proxy in front may have taken it off
 * already (gunicorn treats `SCRIPT_NAME` the same way). So `scope.path` never includes `rootPath`,
 * as the spec has it, whichever way the server is deployed. `/apix` is not under `/api`.
 *
 * @example
 * ```ts
 * targetUnderRoot('/api/users?page=2', '/api'); // '/users?page=2'
 * targetUnderRoot('/api', '/api'); // '/'
 * targetUnderRoot('/users', '/api'); // '/users' (a proxy stripped it)
 * ```
 */
export function targetUnderRoot(target: string, rootPath: string): string {
  if (rootPath === '' || !target.startsWith(rootPath)) return target;
  const rest = target.slice(rootPath.length);
  if (rest === '') return '/';
  if (rest.startsWith('/')) return rest;
  if (rest.startsWith('?')) return `/${rest}`;
  return target;
}
