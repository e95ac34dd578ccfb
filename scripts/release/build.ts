/**
 * Compiles public packages into staging directories, never into the source tree: the workspace keeps
 * resolving to TypeScript source whatever was built, so no half-built `dist/` can shadow it.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, type WorkspacePackage } from './workspace.js';

const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');

/**
 * Builds each package's `src/` into `outDirs.get(pkg)/dist` (JavaScript and declarations), with project
 * references between them as in the workspace. `scratch` holds the generated tsconfigs and build info.
 *
 * @example
 * ```ts
 * buildPackages(publicPackages(), new Map([[gateway, '/tmp/stage/gateway']]), '/tmp/scratch');
 * ```
 */
export function buildPackages(
  packages: readonly WorkspacePackage[],
  outDirs: ReadonlyMap<WorkspacePackage, string>,
  scratch: string,
): void {
  const configs = new Map<string, string>();
  for (const pkg of packages.filter((candidate) => candidate.builds)) {
    const config = join(scratch, `tsconfig.${configs.size}.json`);
    const references = Object.keys(pkg.manifest.dependencies ?? {})
      .map((name) => configs.get(name))
      .filter((path) => path !== undefined)
      .map((path) => ({ path }));
    const stagedConfig = {
      extends: join(pkg.dir, 'tsconfig.json'),
      compilerOptions: {
        rootDir: join(pkg.dir, 'src'),
        outDir: join(outDirs.get(pkg)!, 'dist'),
        tsBuildInfoFile: join(scratch, `tsconfig.${configs.size}.tsbuildinfo`),
        // The tarball ships no src/, so maps would point at files a user does not have.
        declarationMap: false,
        sourceMap: false,
        typeRoots: [join(ROOT, 'node_modules', '@types')],
      },
      include: [join(pkg.dir, 'src')],
      references,
    };
    writeFileSync(config, JSON.stringify(stagedConfig, null, 2));
    configs.set(pkg.manifest.name, config);
  }
  const solution = join(scratch, 'tsconfig.json');
  writeFileSync(
    solution,
    JSON.stringify({ files: [], references: [...configs.values()].map((path) => ({ path })) }),
  );
  execFileSync(process.execPath, [tsc, '-b', solution], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
