// The packed package.json: exports derived from the workspace's exports map, workspace ranges resolved.
import { describe, expect, it } from 'vitest';
import { publishedManifest } from '../../scripts/release/manifest.js';
import { publicPackages } from '../../scripts/release/workspace.js';

const versions = new Map([
  ['@flagon/gateway', '0.3.1'],
  ['@flagon/framework', '0.3.1'],
]);

describe('publishedManifest', () => {
  it('points every ./src/X.ts export, a new subpath or a pattern included, at dist/X.js and its declarations', () => {
    const shipped = publishedManifest(
      {
        name: '@flagon/framework',
        version: '0.3.1',
        exports: {
          '.': './src/index.ts',
          './testing': './src/testing/index.ts',
          './plugins/*': './src/plugins/*.ts',
          './package.json': './package.json',
          './internal/*': null,
        },
        files: ['bin', 'src'],
      },
      versions,
    );
    expect(shipped.exports).toEqual({
      '.': { types: './dist/index.d.ts', default: './dist/index.js' },
      './testing': { types: './dist/testing/index.d.ts', default: './dist/testing/index.js' },
      './plugins/*': { types: './dist/plugins/*.d.ts', default: './dist/plugins/*.js' },
      './package.json': './package.json',
      './internal/*': null,
    });
    expect(shipped).toMatchObject({
      main: './dist/index.js',
      types: './dist/index.d.ts',
      files: ['dist', 'bin'],
    });
  });

  it('resolves workspace: ranges as pnpm publishes them, and leaves out scripts and devDependencies', () => {
    const shipped = publishedManifest(
      {
        name: 'app',
        version: '1.0.0',
        scripts: { build: 'tsc' },
        dependencies: { '@flagon/gateway': 'workspace:*', zod: '^4.5.0' },
        peerDependencies: { '@flagon/framework': 'workspace:^' },
        optionalDependencies: { '@flagon/framework': 'workspace:~' },
        devDependencies: { tsx: '4.23.15' },
      },
      versions,
    );
    expect(shipped.dependencies).toEqual({ '@flagon/gateway': '0.3.1', zod: '^4.5.0' });
    expect(shipped.peerDependencies).toEqual({ '@flagon/framework': '^0.3.1' });
    expect(shipped.optionalDependencies).toEqual({ '@flagon/framework': '~0.3.1' });
    expect(shipped.scripts).toBeUndefined();
    expect(shipped.devDependencies).toBeUndefined();
  });

  it('refuses to pack what would still point at the workspace', () => {
    expect(() =>
      publishedManifest({ name: 'x', version: '1.0.0', exports: { './raw': './src/raw.js' } }, versions),
    ).toThrow('x: the packed package.json still points at "./src/raw.js"');
    expect(() =>
      publishedManifest({ name: 'x', version: '1.0.0', dependencies: { other: 'workspace:*' } }, versions),
    ).toThrow('other is a workspace dependency but not a public package');
  });

  it('derives every public package of this workspace, in build order', () => {
    const packages = publicPackages();
    const names = packages.map((pkg) => pkg.manifest.name);
    expect(names.indexOf('@flagon/gateway')).toBeLessThan(names.indexOf('@flagon/framework'));
    expect(names).toContain('create-flagon');
    const all = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));
    for (const pkg of packages) expect(() => publishedManifest(pkg.manifest, all)).not.toThrow();
  });
});
