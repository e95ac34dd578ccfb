// The framework's own source root (src/ or dist/): frames inside it are not where a user declared a route.
const FRAMEWORK_ROOT = new URL('../', import.meta.url);
const ROOTS = [FRAMEWORK_ROOT.href, decodeURIComponent(FRAMEWORK_ROOT.pathname)];

/**
 * Where the code running now was called from outside the framework: `file:line:column` of the first
 * stack frame that is not the framework's, or `undefined` when the stack does not tell. Costs a stack
 * trace: for error messages only.
 *
 * @example
 * ```ts
 * callerOutsideFramework(); // '/srv/app/routes.ts:12:5'
 * ```
 */
export function callerOutsideFramework(): string | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const site = /\(?((?:file:\/\/)?\/[^()\s]*?:\d+:\d+)\)?\s*$/.exec(line)?.[1];
    if (
      site !== undefined &&
      !ROOTS.some((root) => site.startsWith(root)) &&
      !site.includes('/node_modules/')
    ) {
      return site.replace(/^file:\/\//, '');
    }
  }
  return undefined;
}
