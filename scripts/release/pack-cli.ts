/**
 * `pnpm release:pack [outDir]`: builds and packs every public package into `outDir` (default
 * `release/`), ready for `npm install ./release/flagon-framework-0.1.0.tgz` or `npm publish <tarball>`.
 */
import { resolve } from 'node:path';
import { packPackages } from './pack.js';

const outDir = resolve(process.argv[2] ?? 'release');
try {
  for (const packed of packPackages(outDir))
    console.log(`${packed.name}@${packed.version}: ${packed.tarball}`);
} catch (error) {
  // tsc and npm have printed their own output; say what failed without a stack.
  console.error(`release:pack: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
