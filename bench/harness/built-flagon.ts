/**
 * Flagon as a user installs it: `@flagon/gateway` and `@flagon/framework` built to JavaScript and laid
 * out as `npm install` would, so the contenders run the same kind of code Fastify and Hono ship. From
 * the workspace's TypeScript source, tsx (esbuild with `keepNames`) wraps every function it creates in a
 * `__name` call, a cost no installed package pays.
 */
import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackages } from '../../scripts/release/build.js';
import { publishedManifest } from '../../scripts/release/manifest.js';
import { publicPackages, type WorkspacePackage } from '../../scripts/release/workspace.js';

/** The two packages built and staged; the others (examples, plugins) stay out. */
export const STAGED_PACKAGES = ['@flagon/gateway', '@flagon/framework'];

/** Where `pnpm bench` stages the built packages (ignored by git). */
export const BUILT_FLAGON_DIR = fileURLToPath(new URL('../.built-flagon/', import.meta.url));

/** The environment variable naming the staged folder for the contender processes' resolve hook. */
export const BUILT_FLAGON_ENV = 'FLAGON_BENCH_BUILT';

/** The preload that sends the contenders' `@flagon/*` imports to the staged build. */
export const BUILT_FLAGON_PRELOAD = fileURLToPath(new URL('./built-flagon-register.mjs', import.meta.url));

/**
 * Builds the two packages into `modules/@flagon/<name>` with their published manifests (the `exports`
 * map pointing at `dist/`), using `scratch` for the generated tsconfigs.
 *
 * @example
 * ```ts
 * stagePublishedFlagon('/tmp/x/node_modules', '/tmp/x/.build');
 * ```
 */
export function stagePublishedFlagon(modules: string, scratch: string): readonly WorkspacePackage[] {
  const packages = publicPackages().filter((pkg) => STAGED_PACKAGES.includes(pkg.manifest.name));
  const versions = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
  const outDirs = new Map(packages.map((pkg) => [pkg, join(modules, pkg.manifest.name)]));
  for (const pkg of packages) {
    const dir = outDirs.get(pkg)!;
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify(publishedManifest(pkg.manifest, versions), null, 2),
    );
  }
  mkdirSync(scratch, { recursive: true });
  buildPackages(packages, outDirs, scratch);
  return packages;
}

/**
 * Stages the built packages under {@link BUILT_FLAGON_DIR}, with their runtime dependencies (and the
 * installed peers, zod) linked beside them, and returns that folder.
 *
 * @example
 * ```ts
 * process.env[BUILT_FLAGON_ENV] = stageBuiltFlagon();
 * ```
 */
export function stageBuiltFlagon(): string {
  rmSync(BUILT_FLAGON_DIR, { recursive: true, force: true });
  const modules = join(BUILT_FLAGON_DIR, 'node_modules');
  const packages = stagePublishedFlagon(modules, join(BUILT_FLAGON_DIR, '.build'));
  for (const pkg of packages) {
    const dependencies = { ...pkg.manifest.peerDependencies, ...pkg.manifest.dependencies };
    const require = createRequire(join(pkg.dir, 'package.json'));
    for (const name of Object.keys(dependencies)) {
      if (STAGED_PACKAGES.includes(name)) continue;
      const found = require.resolve.paths(name)?.map((path) => join(path, name));
      const dir = found?.find((candidate) => existsSync(join(candidate, 'package.json')));
      // An optional peer that is not installed (ioredis in some setups) stays absent, as for a user.
      if (dir === undefined) continue;
      mkdirSync(dirname(join(modules, name)), { recursive: true });
      symlinkSync(realpathSync(dir), join(modules, name), 'dir');
    }
  }
  return BUILT_FLAGON_DIR;
}
