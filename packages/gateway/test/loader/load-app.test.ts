// loadApp: `<module>[:<export>]` resolved from a directory, TypeScript through tsx, JavaScript natively.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryTransport } from '../../src/index.js';
import { AppLoadError, loadApp, parseAppSpec } from '../../src/loader/index.js';

const FIXTURES = fileURLToPath(new URL('../server/fixtures/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const LOADER_FIXTURES = fileURLToPath(new URL('./fixtures/module/', import.meta.url));

describe('loadApp', () => {
  it('loads the default export of a TypeScript module, resolved from cwd', async () => {
    const loaded = await loadApp('examples/hello-gateway/app.ts', { cwd: ROOT });
    expect(loaded.exportName).toBe('default');
    expect(loaded.path).toBe(`${ROOT}examples/hello-gateway/app.ts`);
    const transport = createMemoryTransport(loaded.app);
    const response = await transport.request({ method: 'GET', path: '/' });
    expect(await response.text()).toBe('Hello, World!');
    await transport.close();
  });

  it('loads a named export of a JavaScript module, and finds the module without its extension', async () => {
    const loaded = await loadApp('named:api', { cwd: FIXTURES });
    expect(loaded.exportName).toBe('api');
    expect(loaded.path).toBe(`${FIXTURES}named.js`);
    expect(typeof loaded.app).toBe('function');
  });

  it('explains a missing module, a missing export and an export that is not a function', async () => {
    await expect(loadApp('nowhere.ts', { cwd: FIXTURES })).rejects.toThrow(
      new AppLoadError(`cannot find the app module "nowhere.ts" (looked in ${FIXTURES})`),
    );
    await expect(loadApp('named.js', { cwd: FIXTURES })).rejects.toThrow(
      /has no export "default" \(its exports: api\); name one as "named\.js:<export>"/,
    );
    await expect(loadApp('not-an-app.ts', { cwd: FIXTURES })).rejects.toThrow(
      /export "default" of .*not-an-app\.ts is not a function \(it is a number\)/,
    );
    await expect(loadApp('not-an-app.ts:settings', { cwd: FIXTURES })).rejects.toBeInstanceOf(AppLoadError);
  });

  it('calls a factory named with (), once, and refuses one named without', async () => {
    const loaded = await loadApp('workers-app.ts:createApp()', { cwd: FIXTURES });
    expect(loaded).toMatchObject({ exportName: 'createApp', called: true });
    const transport = createMemoryTransport(loaded.app);
    expect(await (await transport.request({ method: 'GET', path: '/' })).text()).toMatch(
      /\(factory calls: 1\)$/,
    );
    await transport.close();
    await expect(loadApp('workers-app.ts:createApp', { cwd: FIXTURES })).rejects.toThrow(
      /export "createApp" of .*workers-app\.ts takes no arguments, so it looks like a factory .* serve "workers-app\.ts:createApp\(\)" to call it/,
    );
    await expect(loadApp('factories.js:broken()', { cwd: LOADER_FIXTURES })).rejects.toThrow(
      /broken\(\) of .*factories\.js failed: no DATABASE_URL/,
    );
    await expect(loadApp('factories.js:settings()', { cwd: LOADER_FIXTURES })).rejects.toThrow(
      /settings\(\) of .*factories\.js returned an object, not an app \(a function\)/,
    );
  });

  it('says that a module must export its app when it exports nothing', async () => {
    const error = await loadApp('no-export.ts', { cwd: LOADER_FIXTURES }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppLoadError);
    expect((error as Error).message).toBe(
      `${LOADER_FIXTURES}no-export.ts exports nothing: a server runs the app the module exports, so end it with "export default app"`,
    );
  });

  it('says that a project without "type": "module" loaded the app as CommonJS, and what to do', async () => {
    const cwd = fileURLToPath(new URL('./fixtures/commonjs/', import.meta.url));
    const error = await loadApp('app.ts', { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppLoadError);
    expect((error as Error).message).toBe(
      `${cwd}app.ts was loaded as CommonJS (${cwd}package.json does not say "type": "module"), so its ` +
        '"export default" is not the app: add "type": "module" to the package.json (npm pkg set type=module), ' +
        'or rename the file to .mts/.mjs',
    );
  });

  it('reports a module that fails to load, keeping the cause', async () => {
    const error = await loadApp('failing-import.ts', { cwd: FIXTURES }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppLoadError);
    expect((error as Error).message).toMatch(
      /cannot load the app module .*failing-import\.ts: config\.json is missing/,
    );
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('parseAppSpec', () => {
  it('splits module and export, keeping a Windows drive in the path', () => {
    expect(parseAppSpec('app.ts')).toEqual({ modulePath: 'app.ts', exportName: 'default', call: false });
    expect(parseAppSpec('src/app.ts:api')).toEqual({
      modulePath: 'src/app.ts',
      exportName: 'api',
      call: false,
    });
    expect(parseAppSpec('src/app.ts:createApp()')).toEqual({
      modulePath: 'src/app.ts',
      exportName: 'createApp',
      call: true,
    });
    expect(parseAppSpec('C:\\site\\app.ts')).toEqual({
      modulePath: 'C:\\site\\app.ts',
      exportName: 'default',
      call: false,
    });
    expect(() => parseAppSpec(':api')).toThrow(AppLoadError);
  });
});
