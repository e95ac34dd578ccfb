/** The workspace's public packages (`packages/*` without `"private": true`), read from their manifests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackageManifest } from './manifest.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A public package of the workspace. */
export interface WorkspacePackage {
  /** Its directory, absolute. */
  readonly dir: string;
  readonly manifest: PackageManifest;
  /** Whether it has TypeScript to build (a tsconfig.json). */
  readonly builds: boolean;
}

/**
 * The public packages, each after the workspace packages it depends on (the order to build them in).
 *
 * @example
 * ```ts
 * for (const pkg of publicPackages()) console.log(pkg.manifest.name, pkg.dir);
 * ```
 */
export function publicPackages(root: string = ROOT): WorkspacePackage[] {
  const packages = readdirSync(join(root, 'packages'))
    .map((name) => join(root, 'packages', name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest,
      builds: existsSync(join(dir, 'tsconfig.json')),
    }))
    .filter((pkg) => pkg.manifest.private !== true);
  const byName = new Map(packages.map((pkg) => [pkg.manifest.name, pkg]));
  const ordered: WorkspacePackage[] = [];
  const visit = (pkg: WorkspacePackage, path: string[]) => {
    if (ordered.includes(pkg)) return;
    if (path.includes(pkg.manifest.name))
      throw new Error(`workspace cycle: ${[...path, pkg.manifest.name].join(' -> ')}`);
    for (const name of Object.keys(pkg.manifest.dependencies ?? {})) {
      const dependency = byName.get(name);
      if (dependency) visit(dependency, [...path, pkg.manifest.name]);
    }
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg, []);
  return ordered;
}
