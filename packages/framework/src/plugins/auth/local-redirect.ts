/**
 * `target` when it is a path on this site (`/notes?page=2`), else `undefined`: a `next` parameter must
 * not send a user who just logged in to another site (an open redirect). Refuses `//host`, `/\host`,
 * schemes and control characters, which browsers read as another origin.
 *
 * @example
 * ```ts
 * localRedirect('/notes'); // '/notes'
 * localRedirect('//evil.example'); // undefined
 * ```
 */
export function localRedirect(target: string | null | undefined): string | undefined {
  if (typeof target !== 'string' || !target.startsWith('/')) return undefined;
  if (target.startsWith('//') || target.startsWith('/\\')) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (/[\u0000-\u001f\u007f\\]/.test(target)) return undefined;
  return target;
}
