import { parse, pathToRegexp } from 'path-to-regexp';
import { callerOutsideFramework } from './declared-at.js';
import { explainPatternError } from './pattern-error.js';
import { REGEXP_OPTIONS } from './route-pattern.js';

/**
 * Throws, where a route is declared (`app.get(...)`, `blueprint.post(...)`), the `TypeError` a path that
 * does not parse would throw once mounted, with the file and line of the declaration added: a blueprint's
 * routes are only mounted by `app.register()`, far from the bad pattern. The rest (a leading `/`, a param
 * used twice) is checked on mounting, once a blueprint's prefix is known.
 *
 * @example
 * ```ts
 * checkRoutePath('/users/:id?'); // TypeError: route "/users/:id?" is not a valid pattern: ... (declared at app.ts:7:5)
 * ```
 */
export function checkRoutePath(path: string): void {
  try {
    pathToRegexp(parse(path), REGEXP_OPTIONS);
  } catch (error) {
    const explained = explainPatternError(path, error);
    if (explained === error) throw error;
    const site = callerOutsideFramework();
    const message = (explained as TypeError).message;
    throw new TypeError(site === undefined ? message : `${message} (declared at ${site})`, { cause: error });
  }
}
