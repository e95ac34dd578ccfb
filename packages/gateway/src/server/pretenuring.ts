import { setFlagsFromString } from 'node:v8';

const EXPLICIT = /^--(no-)?allocation[-_]site[-_]pretenuring$/;

/**
 * Turns off V8's allocation-site pretenuring for this process, unless node was started with either
 * form of the flag (`node --allocation-site-pretenuring`, `--no-...`; `NODE_OPTIONS` cannot carry it):
 * then the operator's choice stands. Returns whether it turned it off.
 *
 * Why a server does this: when most objects from one object or array literal survive a few young
 * collections, V8 starts allocating that literal's objects in the old generation. A server warming up
 * under load keeps many requests alive at once, so some per-request literals inside `node:http` itself
 * (an `IncomingMessage`'s listener table, its buffers) can take that turn by chance, and from then on
 * every request leaves old garbage behind: longer young collections and more full ones. Measured on the
 * reference server (params route, one core): about one process in three took that turn and served 10 to
 * 30 % fewer requests for as long as it ran; with pretenuring off, none did and none was slower.
 *
 * @example
 * ```ts
 * disablePretenuring(); // true, unless node was started with --allocation-site-pretenuring
 * ```
 */
export function disablePretenuring(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((flag) => EXPLICIT.test(flag))) return false;
  setFlagsFromString('--no-allocation-site-pretenuring');
  return true;
}
