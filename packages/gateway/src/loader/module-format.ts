/** Which module system Node (and tsx, which follows it) loads a file with, as the reason for a load error. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Why a module is loaded as CommonJS: its extension, or the nearest package.json (null when none). */
export type CommonJsReason =
  | { readonly by: 'extension' }
  | { readonly by: 'package'; readonly packageJson: string | null };

/**
 * Whether `path` is loaded as CommonJS, and why: `.cjs`/`.cts` always, `.mjs`/`.mts` never, anything else
 * when the nearest package.json does not say `"type": "module"` (Node's rule for `.js`, tsx's for `.ts`).
 *
 * @example
 * ```ts
 * commonJsReason('/srv/site/app.ts'); // { by: 'package', packageJson: '/srv/site/package.json' } without "type": "module"
 * ```
 */
export function commonJsReason(path: string): CommonJsReason | null {
  if (/\.c[jt]sx?$/.test(path)) return { by: 'extension' };
  if (/\.m[jt]sx?$/.test(path)) return null;
  const packageJson = nearestPackageJson(dirname(path));
  if (packageJson !== null && readType(packageJson) === 'module') return null;
  return { by: 'package', packageJson };
}

function nearestPackageJson(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function readType(packageJson: string): unknown {
  try {
    return (JSON.parse(readFileSync(packageJson, 'utf8')) as { type?: unknown }).type;
  } catch {
    return undefined; // An unreadable package.json: Node would refuse it too, with its own message.
  }
}
