/**
 * The package.json a packed package ships, derived from the workspace one: the workspace resolves every
 * export to TypeScript source (`./src/X.ts`), a stranger's install gets the built `./dist/X.js` and its
 * declarations. Derived from the `exports` map, so a subpath added to the workspace ships without an edit here.
 */

/** The parts of a package.json this module reads or rewrites; the rest is copied as it is. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: ExportsValue;
  files?: string[];
  main?: string;
  types?: string;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  [field: string]: unknown;
}

/** An `exports` map: a target path, conditions, subpaths, or null (a hidden subpath). */
export type ExportsValue = string | null | { [key: string]: ExportsValue };

const SOURCE_TARGET = /^\.\/src\/(.+)\.ts$/;
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * The manifest to pack: `./src/X.ts` exports become `{ types: ./dist/X.d.ts, default: ./dist/X.js }`,
 * `workspace:` ranges become the versions in `versions` (as pnpm does on publish), and what only the
 * workspace needs (devDependencies, scripts, `src` in `files`) is left out.
 *
 * @example
 * ```ts
 * const shipped = publishedManifest(
 *   { name: '@flagon/framework', version: '0.1.0', exports: { '.': './src/index.ts' },
 *     dependencies: { '@flagon/gateway': 'workspace:*' } },
 *   new Map([['@flagon/gateway', '0.1.0']]),
 * );
 * // shipped.exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } }
 * // shipped.dependencies: { '@flagon/gateway': '0.1.0' }
 * ```
 */
export function publishedManifest(
  source: PackageManifest,
  versions: ReadonlyMap<string, string>,
): PackageManifest {
  const { devDependencies: _dev, scripts: _scripts, ...manifest } = structuredClone(source);
  if (manifest.exports !== undefined) {
    manifest.exports = distExports(manifest.exports);
    const root = rootTarget(manifest.exports);
    if (root !== undefined) {
      manifest.main = root.default;
      manifest.types = root.types;
    }
  }
  for (const field of DEPENDENCY_FIELDS) {
    const ranges = manifest[field];
    if (ranges === undefined) continue;
    manifest[field] = Object.fromEntries(
      Object.entries(ranges).map(([name, range]) => [name, resolveWorkspaceRange(name, range, versions)]),
    );
  }
  const files = (manifest.files ?? []).filter((entry) => entry !== 'src' && entry !== 'dist');
  manifest.files = ['dist', ...files];
  const leftover = JSON.stringify(manifest).match(/"\.\/src\/[^"]*"|"workspace:[^"]*"/);
  if (leftover) throw new Error(`${source.name}: the packed package.json still points at ${leftover[0]}`);
  return manifest;
}

/** `./src/X.ts` anywhere in an exports map becomes built JavaScript with its declarations. */
function distExports(value: ExportsValue): ExportsValue {
  if (value === null) return null;
  if (typeof value === 'string') {
    const match = SOURCE_TARGET.exec(value);
    return match ? { types: `./dist/${match[1]}.d.ts`, default: `./dist/${match[1]}.js` } : value;
  }
  return Object.fromEntries(Object.entries(value).map(([key, target]) => [key, distExports(target)]));
}

/** The `.` export's targets, for `main` and `types` (read by tools that predate `exports`). */
function rootTarget(exports: ExportsValue): { types: string; default: string } | undefined {
  if (exports === null || typeof exports === 'string') return undefined;
  const root = '.' in exports ? exports['.'] : exports;
  if (root === null || root === undefined || typeof root === 'string') return undefined;
  const { types, default: main } = root;
  return typeof types === 'string' && typeof main === 'string' ? { types, default: main } : undefined;
}

/** pnpm's publish rules: `workspace:*` is the exact version, `workspace:^` and `workspace:~` prefix it. */
function resolveWorkspaceRange(name: string, range: string, versions: ReadonlyMap<string, string>): string {
  if (!range.startsWith('workspace:')) return range;
  const version = versions.get(name);
  if (version === undefined) throw new Error(`${name} is a workspace dependency but not a public package`);
  const spec = range.slice('workspace:'.length);
  if (spec === '*') return version;
  if (spec === '^' || spec === '~') return spec + version;
  return spec;
}
