/**
 * The folder a generated app is checked in, set up as a user's project would be: `@flagon/framework` and
 * `@flagon/gateway` as published (built declarations, never the workspace's TypeScript source, which
 * would make tsc check the framework itself), `hono`, `@hono/zod-validator` and `zod` from the registry.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../scripts/release/workspace.js';
import { stagePublishedFlagon } from '../harness/built-flagon.js';
import type { SourceFile } from './sources.js';

/** Packages the generated apps and the staged declarations import, resolved from where they are installed. */
const LINKED: readonly [from: string, name: string][] = [
  ['bench', 'hono'],
  ['bench', '@hono/zod-validator'],
  ['bench', 'zod'],
  ['packages/framework', 'eta'],
  ['packages/framework', 'path-to-regexp'],
  ['packages/framework', '@fastify/busboy'],
  ['.', '@types/node'],
];

/** The compiler options of every generated project: the repository's, as strict. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['**/*.ts'],
};

/** The folder of package `name` as Node would find it from `from` (some export no `./package.json`). */
function packageDir(from: string, name: string): string {
  const paths = createRequire(join(ROOT, from, 'package.json')).resolve.paths(name) ?? [];
  const found = paths.map((path) => join(path, name)).find((dir) => existsSync(join(dir, 'package.json')));
  if (found === undefined) throw new Error(`bench:types: ${name} is not installed for ${from}/`);
  return realpathSync(found);
}

/**
 * A folder holding `node_modules/` for the generated projects: the two Flagon packages built and staged
 * as `npm install` would lay them out, the others linked. Building takes a while: make it once per run.
 *
 * @example
 * ```ts
 * const modules = stageModules(); // '/tmp/flagon-types-XXXX'
 * ```
 */
export function stageModules(): string {
  const base = mkdtempSync(join(tmpdir(), 'flagon-types-'));
  const modules = join(base, 'node_modules');
  stagePublishedFlagon(modules, join(base, '.build'));
  for (const [from, name] of LINKED) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(packageDir(from, name), join(modules, name), 'dir');
  }
  return base;
}

/**
 * Writes `files` (paths may have folders) and a strict `tsconfig.json` into a new folder under `base`
 * (which holds the `node_modules/` of {@link stageModules}) and returns the folder.
 *
 * @example
 * ```ts
 * const project = writeProject(modules, 'flagon-300', appSources('flagon', planRoutes(300)));
 * ```
 */
export function writeProject(base: string, name: string, files: readonly SourceFile[]): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.text);
  }
  return dir;
}
