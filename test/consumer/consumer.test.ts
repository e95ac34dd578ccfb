// A stranger's install: pack the packages, npm-install the tarballs into an empty project, and use them
// there as a user would, in JavaScript and TypeScript, from the command line, and through the starter.
// Needs the npm registry (or npm's cache) for zod, tsx and typescript; FLAGON_SKIP_CONSUMER=1 skips it.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CliRun, listeningUrl } from '../../packages/gateway/test/server/cli-process.js';
import { type PackedPackage, packPackages } from '../../scripts/release/pack.js';
import { consumerEnv, mustRun, run, signalGroup, start } from './commands.js';
import { APP, CHECK, SUBPATHS, tsconfig } from './sources.js';

/** The lowest zod the framework's peer range allows: what the consumer installs, to prove the range. */
const LOWEST_ZOD = '4.5.0';
const SKIP = process.env.FLAGON_SKIP_CONSUMER === '1';
/** Installs and type-checks take seconds on a quiet machine and minutes on a loaded two-core one. */
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });
const INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
const BIN = join('node_modules', '.bin');

let scratch: string;
let project: string;
let packed: PackedPackage[];
const tarball = (name: string) => packed.find((pkg) => pkg.name === name)!.tarball;
const running: CliRun[] = [];

/** Serves with a command, fetches `path` once it listens, then stops it with SIGTERM. */
async function serveAndFetch(command: string, args: string[], cwd: string, path = '/') {
  const server = start(command, args, cwd, consumerEnv({ PORT: '0' }));
  running.push(server);
  const url = await listeningUrl(server);
  const response = await fetch(`${url}${path}`);
  const body = await response.text();
  signalGroup(server, 'SIGTERM');
  const exit = await server.exited;
  return { status: response.status, body, exit };
}

/** The consumer project: the tarballs and the lowest zod as dependencies, TypeScript tools as dev ones. */
function consumerManifest() {
  return {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: {
      '@flagon/framework': `file:${tarball('@flagon/framework')}`,
      '@flagon/gateway': `file:${tarball('@flagon/gateway')}`,
      zod: LOWEST_ZOD,
    },
    devDependencies: { tsx: '^4.23.15', typescript: '^5.9.3', '@types/node': '^20.19.0' },
  };
}

describe.skipIf(SKIP)(
  SKIP ? 'consumer install (skipped: FLAGON_SKIP_CONSUMER=1)' : 'consumer install',
  () => {
    beforeAll(async () => {
      scratch = mkdtempSync(join(tmpdir(), 'flagon-consumer-'));
      packed = packPackages(join(scratch, 'tarballs'));
      project = join(scratch, 'app');
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify(consumerManifest(), null, 2));
      for (const file of ['app.js', 'app.ts']) writeFileSync(join(project, file), APP);
      for (const file of ['check.js', 'check.ts']) writeFileSync(join(project, file), CHECK);
      writeFileSync(join(project, 'subpaths.ts'), SUBPATHS);
      const install = await run('npm', INSTALL, project);
      if (install.code !== 0) {
        throw new Error(
          'consumer test cannot run: npm install failed (is the npm registry reachable? ' +
            `FLAGON_SKIP_CONSUMER=1 skips this test)\n${install.stderr}`,
        );
      }
    });

    afterAll(() => {
      for (const server of running) signalGroup(server, 'SIGKILL');
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    });

    it('installs built JavaScript with README and LICENSE, needing no tsx, esbuild or typescript at run time', () => {
      for (const name of ['@flagon/framework', '@flagon/gateway']) {
        const dir = join(project, 'node_modules', name);
        for (const file of ['README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) {
          expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true);
        }
        expect(existsSync(join(dir, 'src')), `${name} ships no src/`).toBe(false);
      }
      // What a production install pulls in: no TypeScript tooling; tsx only as the gateway's optional peer.
      const manifest = (name: string) =>
        JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')) as Record<
          string,
          Record<string, unknown> | undefined
        >;
      const gateway = manifest('@flagon/gateway');
      const framework = manifest('@flagon/framework');
      // The --reload watcher and its globs, loaded only with --reload.
      expect(Object.keys(gateway.dependencies ?? {})).toEqual(['chokidar', 'picomatch']);
      expect(gateway.peerDependenciesMeta).toEqual({ tsx: { optional: true } });
      expect(Object.keys(framework.dependencies ?? {})).toEqual([
        '@fastify/busboy',
        '@flagon/gateway',
        'eta',
        'mime-types',
        'path-to-regexp',
      ]);
      expect(framework.peerDependencies).toEqual({
        zod: `^${LOWEST_ZOD}`,
        'swagger-ui-dist': '^5.0.0',
        ioredis: '^5.0.0 || ^6.0.0',
      });
      // Optional: the OpenAPI docs page's assets, and the rate limit's Redis client (only apps that
      // serve the page, or share limits through Redis, install them).
      expect(framework.peerDependenciesMeta).toEqual({
        'swagger-ui-dist': { optional: true },
        ioredis: { optional: true },
      });
    });

    it('(b) runs a JavaScript app with plain node, and lists its routes with the installed flagon', async () => {
      expect(await mustRun(process.execPath, ['check.js'], project)).toBe('consumer check passed\n');
      const routes = await mustRun(join(BIN, 'flagon'), ['routes', 'app.js'], project);
      expect(routes).toMatch(/^GET\s+\/\s+GET \/$/m);
      expect(routes).toMatch(/^POST\s+\/items\s+POST \/items$/m);
    });

    it('says to install tsx when a TypeScript app is served without it', async () => {
      const tsx = join(project, 'node_modules', 'tsx');
      renameSync(tsx, `${tsx}-hidden`);
      try {
        const result = await run(join(BIN, 'flagon-gateway'), ['serve', 'app.ts'], project);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          `${join(project, 'app.ts')} is TypeScript, and loading TypeScript needs tsx, which is not installed: ` +
            'install it (npm install tsx), or compile your app to JavaScript and serve the .js file',
        );
      } finally {
        renameSync(`${tsx}-hidden`, tsx);
      }
    });

    it('(a, c) type-checks against the lowest zod (nodenext, bundler), runs with tsx and as tsc output', async () => {
      writeFileSync(join(project, 'tsconfig.json'), tsconfig('nodenext', 'build'));
      writeFileSync(join(project, 'tsconfig.bundler.json'), tsconfig('bundler'));
      expect(await run(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], project)).toMatchObject({
        code: 0,
        stdout: '',
      });
      const bundler = await run(join(BIN, 'tsc'), ['-p', 'tsconfig.bundler.json'], project);
      expect(bundler).toMatchObject({ code: 0, stdout: '' });
      const passed = 'consumer check passed\n';
      expect(await mustRun(process.execPath, [join('build', 'check.js')], project)).toBe(passed);
      expect(await mustRun(process.execPath, ['--import', 'tsx', 'check.ts'], project)).toBe(passed);
    });

    it('(d) serves the app as JavaScript, TypeScript and tsc output with the installed flagon-gateway', async () => {
      for (const module of ['app.js', 'app.ts', join('build', 'app.js')]) {
        const served = await serveAndFetch(join(BIN, 'flagon-gateway'), ['serve', module], project);
        expect(served, module).toEqual({
          status: 200,
          body: 'Hello from a consumer',
          exit: { code: 0, signal: null },
        });
      }
    });

    it('starter: create-flagon from its tarball writes an app that passes its own test and starts', async () => {
      const tarballs = join(scratch, 'tarballs');
      const exec = ['exec', '--yes', `--package=${tarball('create-flagon')}`, '--'];
      const created = await mustRun(
        'npm',
        [...exec, 'create-flagon', 'my-app', '--tarballs', tarballs],
        scratch,
      );
      expect(created).toContain(`Created my-app in ${join(scratch, 'my-app')}`);
      const app = join(scratch, 'my-app');
      await mustRun('npm', INSTALL, app);
      const tested = await run('npm', ['test'], app);
      expect(tested.stdout, tested.stderr).toMatch(/^# pass 3$/m);
      expect(tested.code).toBe(0);
      const served = await serveAndFetch('npm', ['start'], app, '/api/greeting?name=Ada');
      expect(served.status).toBe(200);
      expect(JSON.parse(served.body)).toEqual({ message: 'Hello, Ada!' });
    });
  },
);
