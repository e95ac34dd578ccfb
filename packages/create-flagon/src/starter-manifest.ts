/** The package.json of a new app: its scripts, and where its Flagon packages come from. */

/** What the starter's tooling is pinned to; a workspace test keeps these in step with the repository. */
export const STARTER_DEPENDENCIES = {
  zod: '^4.5.0',
} as const;
export const STARTER_DEV_DEPENDENCIES = {
  '@types/node': '^20.19.0',
  tsx: '^4.23.15',
  typescript: '^5.9.3',
} as const;

/** The Flagon packages an app depends on, by the names `npm pack` gives their tarballs. */
export const FLAGON_PACKAGES = ['@flagon/framework', '@flagon/gateway'] as const;

/**
 * The new app's package.json. `flagon` maps each Flagon package to what to install: a registry range
 * (`^0.1.0`) or a `file:` tarball.
 *
 * @example
 * ```ts
 * starterManifest('my-app', { '@flagon/framework': '^0.1.0', '@flagon/gateway': '^0.1.0' });
 * ```
 */
export function starterManifest(
  name: string,
  flagon: Readonly<Record<(typeof FLAGON_PACKAGES)[number], string>>,
): Record<string, unknown> {
  return {
    name,
    version: '0.0.0',
    private: true,
    type: 'module',
    scripts: {
      start: 'flagon-gateway serve src/app.ts',
      dev: 'tsx watch --clear-screen=false --include src ./node_modules/@flagon/gateway/bin/flagon-gateway.js serve src/app.ts',
      test: 'tsc && node --import tsx --test test/app.test.ts',
    },
    engines: { node: '>=20.19' },
    dependencies: { ...flagon, ...STARTER_DEPENDENCIES },
    devDependencies: { ...STARTER_DEV_DEPENDENCIES },
  };
}

/**
 * A package name from a directory name: lower case, with what npm refuses replaced by `-`.
 *
 * @example
 * ```ts
 * packageName('My App'); // 'my-app'
 * ```
 */
export function packageName(directoryName: string): string {
  const name = directoryName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  return name === '' ? 'flagon-app' : name;
}
