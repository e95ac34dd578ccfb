/**
 * Packs every public package into a tarball a stranger can `npm install`: built JavaScript and declarations
 * in `dist/`, exports pointing at them, `workspace:` ranges replaced, README and LICENSE inside.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPackages } from './build.js';
import { publishedManifest } from './manifest.js';
import { publicPackages, ROOT, type WorkspacePackage } from './workspace.js';

/** A packed package. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** The tarball, absolute. */
  readonly tarball: string;
}

/**
 * Builds and packs the public packages into `outDir` (created if missing). Nothing is written into the
 * repository: staging happens in a temporary directory, removed afterwards.
 *
 * @example
 * ```ts
 * const packed = packPackages('/tmp/flagon-tarballs');
 * // [{ name: '@flagon/gateway', version: '0.1.0', tarball: '/tmp/flagon-tarballs/flagon-gateway-0.1.0.tgz' }, ...]
 * ```
 */
export function packPackages(outDir: string): PackedPackage[] {
  const destination = resolve(outDir);
  mkdirSync(destination, { recursive: true });
  const packages = publicPackages();
  const versions = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
  const staging = mkdtempSync(join(tmpdir(), 'flagon-pack-'));
  try {
    const stageDirs = new Map<WorkspacePackage, string>();
    for (const pkg of packages) {
      const stage = join(staging, pkg.manifest.name.replace(/^@/, '').replace('/', '-'));
      mkdirSync(join(stage), { recursive: true });
      stageDirs.set(pkg, stage);
      const manifest = publishedManifest(pkg.manifest, versions);
      for (const entry of manifest.files ?? []) {
        if (entry !== 'dist' && existsSync(join(pkg.dir, entry)))
          cpSync(join(pkg.dir, entry), join(stage, entry), { recursive: true });
      }
      const readme = join(pkg.dir, 'README.md');
      if (!existsSync(readme)) throw new Error(`${pkg.manifest.name} has no README.md to ship`);
      cpSync(readme, join(stage, 'README.md'));
      cpSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
      writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    }
    const scratch = join(staging, '.build');
    mkdirSync(scratch);
    buildPackages(packages, stageDirs, scratch);
    return packages.map((pkg) => {
      const output = execFileSync(
        'npm',
        ['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
        {
          cwd: stageDirs.get(pkg)!,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const [result] = JSON.parse(output) as { filename: string }[];
      return {
        name: pkg.manifest.name,
        version: pkg.manifest.version,
        tarball: join(destination, result!.filename),
      };
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
