// createStarter: the files a new app gets, where its Flagon packages come from, and what it refuses.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestClient } from '@flagon/framework/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStarter, packageName, StarterError } from '../src/index.js';
import { STARTER_DEPENDENCIES, STARTER_DEV_DEPENDENCIES } from '../src/starter-manifest.js';
import app from '../template/src/app.js';

const ROOT = new URL('../../../', import.meta.url);
const readJson = (url: URL | string) => JSON.parse(readFileSync(url, 'utf8'));

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'create-flagon-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('createStarter', () => {
  it('writes the app, its test, a tsconfig, a .gitignore and a package.json with start, dev and test', () => {
    const starter = createStarter({ directory: join(scratch, 'My App') });
    expect(starter.name).toBe('my-app');
    const read = (file: string) => readFileSync(join(starter.directory, file), 'utf8');
    expect(read('src/app.ts')).toContain('export default app;');
    expect(read('test/app.test.ts')).toContain("from '../src/app.js'");
    expect(read('.gitignore')).toBe('node_modules/\ndist/\n');
    expect(JSON.parse(read('tsconfig.json')).compilerOptions.strict).toBe(true);
    const manifest = JSON.parse(read('package.json'));
    expect(manifest).toMatchObject({ name: 'my-app', private: true, type: 'module' });
    expect(Object.keys(manifest.scripts)).toEqual(['start', 'dev', 'test']);
    expect(manifest.scripts.start).toBe('flagon-gateway serve src/app.ts');
    expect(manifest.dependencies).toEqual({
      '@flagon/framework': '^0.1.0',
      '@flagon/gateway': '^0.1.0',
      zod: '^4.5.0',
    });
  });

  it('installs Flagon from packed tarballs when given their directory', () => {
    const tarballs = join(scratch, 'release');
    mkdirSync(tarballs);
    for (const file of [
      'flagon-framework-0.1.0.tgz',
      'flagon-gateway-0.1.0.tgz',
      'create-flagon-0.1.0.tgz',
    ]) {
      writeFileSync(join(tarballs, file), '');
    }
    const starter = createStarter({ directory: join(scratch, 'app'), tarballs });
    expect(starter.flagon).toEqual({
      '@flagon/framework': `file:${join(tarballs, 'flagon-framework-0.1.0.tgz')}`,
      '@flagon/gateway': `file:${join(tarballs, 'flagon-gateway-0.1.0.tgz')}`,
    });
  });

  it('refuses a non-empty directory or a tarball directory without the packages, writing nothing', () => {
    const taken = join(scratch, 'taken');
    mkdirSync(taken);
    writeFileSync(join(taken, 'notes.txt'), 'mine');
    expect(() => createStarter({ directory: taken })).toThrow(
      new StarterError(`${taken} is not empty: give a new directory, or an empty one`),
    );
    expect(readFileSync(join(taken, 'notes.txt'), 'utf8')).toBe('mine');
    expect(() => createStarter({ directory: join(scratch, 'new'), tarballs: scratch })).toThrow(
      `${scratch} has no flagon-framework-<version>.tgz; it needs exactly one (made by pnpm release:pack)`,
    );
    expect(() => readFileSync(join(scratch, 'new', 'package.json'))).toThrow(/ENOENT/);
  });

  it('names the package from the directory as npm accepts it', () => {
    expect(packageName('My App')).toBe('my-app');
    expect(packageName('.hidden_Site!')).toBe('hidden_site');
    expect(packageName('***')).toBe('flagon-app');
  });
});

describe('the starter', () => {
  it('pins what the workspace tests with: zod at the framework peer range, tsx, typescript, @types/node', () => {
    const framework = readJson(new URL('packages/framework/package.json', ROOT));
    const root = readJson(new URL('package.json', ROOT));
    expect(STARTER_DEPENDENCIES.zod).toBe(framework.peerDependencies.zod);
    expect(STARTER_DEV_DEPENDENCIES.tsx).toBe(`^${root.devDependencies.tsx}`);
    expect(STARTER_DEV_DEPENDENCIES.typescript).toBe(`^${root.devDependencies.typescript}`);
    expect(STARTER_DEV_DEPENDENCIES['@types/node']).toBe(root.devDependencies['@types/node']);
  });

  it("serves its page and answers its JSON routes (the template's app, in memory)", async () => {
    await using client = createTestClient(app);
    const page = await client.get('/');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<h1>Hello from Flagon</h1>');
    expect(await (await client.get('/api/greeting', { query: { name: 'Ada' } })).json()).toEqual({
      message: 'Hello, Ada!',
    });
    expect((await client.post('/api/items', { json: { name: '', price: 1 } })).status).toBe(422);
  });
});
