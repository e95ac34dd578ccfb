import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatRoutes } from '../../src/cli/routes-table.js';
import { runCli } from '../../src/cli/run-cli.js';

const root = join(import.meta.dirname, '..', '..', '..', '..');
const flagonBin = join(root, 'packages', 'framework', 'bin', 'flagon.js');

/** Runs the CLI in this process, capturing what it writes. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    cwd: import.meta.dirname,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('formatRoutes', () => {
  const routes = [
    { methods: ['POST'], path: '/items', name: 'create_item' },
    { methods: ['GET'], path: '/', name: 'index' },
    { methods: ['GET'], path: '/items', name: 'list_items' },
    { methods: ['PUT', 'PATCH'], path: '/items/:id', name: undefined },
  ];

  it('lays the routes out in aligned columns, sorted by path then methods', () => {
    expect(formatRoutes(routes)).toBe(
      [
        'Methods     Path        Endpoint',
        '----------  ----------  -----------',
        'GET         /           index',
        'GET         /items      list_items',
        'POST        /items      create_item',
        'PUT, PATCH  /items/:id  -',
        '',
      ].join('\n'),
    );
  });

  it('sorts by endpoint or by methods when asked', () => {
    const endpoints = (sort: 'endpoint' | 'methods') =>
      formatRoutes(routes, sort)
        .trimEnd()
        .split('\n')
        .slice(2)
        .map((line) => line.split(/\s{2,}/).at(-1));
    expect(endpoints('endpoint')).toEqual(['-', 'create_item', 'index', 'list_items']);
    expect(endpoints('methods')).toEqual(['index', 'list_items', 'create_item', '-']);
  });

  it('says so when there are no routes', () => {
    expect(formatRoutes([])).toBe('No routes.\n');
  });
});

describe('flagon routes (in process)', () => {
  it("lists a named export's routes, blueprint routes with their prefix and dotted endpoint", async () => {
    const { code, stdout, stderr } = await run('routes', 'fixtures/apps.ts:api');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'Methods     Path          Endpoint',
        '----------  ------------  ------------',
        'GET         /             home',
        'GET         /admin/users  admin.users',
        'PUT, PATCH  /things/:id   update_thing',
        '',
      ].join('\n'),
    );
  });

  it("calls an app factory named with '()', as the reference server does", async () => {
    const { code, stdout, stderr } = await run('routes', 'fixtures/apps.ts:createApp()');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toContain('GET      /made  made');
  });

  it('says an app without routes has none', async () => {
    expect(await run('routes', 'fixtures/apps.ts:empty')).toEqual({
      code: 0,
      stdout: 'No routes.\n',
      stderr: '',
    });
  });

  it('exits 1 for a gateway app that is not a Flagon app, saying why', async () => {
    const { code, stderr } = await run('routes', 'fixtures/apps.ts:raw');
    expect(code).toBe(1);
    expect(stderr).toMatch(/export "raw" of .*apps\.ts is a gateway app but not a Flagon app/);
  });

  it('exits 1 for a module it cannot find, naming it', async () => {
    const { code, stderr } = await run('routes', 'fixtures/missing.ts');
    expect(code).toBe(1);
    expect(stderr).toContain('cannot find the app module "fixtures/missing.ts"');
  });

  it('exits 2 for a wrong command line, pointing at --help', async () => {
    for (const argv of [
      [],
      ['serve', 'app.ts'],
      ['routes'],
      ['routes', 'a.ts', 'b.ts'],
      ['routes', 'a.ts', '--sort', 'size'],
    ]) {
      const { code, stderr } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stderr).toMatch(/flagon/);
    }
    expect((await run('routes', 'a.ts', '--sort', 'size')).stderr).toContain(
      '--sort takes path, endpoint, methods',
    );
  });

  it.each([
    [['--foo'], 'unknown option --foo'],
    [['--foo=1', 'routes'], 'unknown option --foo'],
    [['routes', 'a.ts', '--verbose'], 'unknown option --verbose'],
    [['routes', 'a.ts', '-x'], 'unknown option -x'],
    [['routes', 'a.ts', '--sort'], 'option --sort needs a value'],
    [['routes', 'a.ts', '--help=yes'], 'option --help takes no value'],
  ])('says %j is wrong in its own words, not in those of Node', async (argv, message) => {
    expect(await run(...argv)).toEqual({
      code: 2,
      stdout: '',
      stderr: `flagon: ${message}\nRun "flagon --help" for usage.\n`,
    });
  });

  it('prints its version with --version or -v', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'packages', 'framework', 'package.json'), 'utf8'));
    expect(await run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await run('-v')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await run('--help')).stdout).toContain('-v, --version');
  });

  it('prints help with --help', async () => {
    expect(await run('--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('flagon <command>'),
    });
    expect(await run('routes', '--help')).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('--sort <key>'),
    });
  });
});

describe('flagon routes (the real command)', () => {
  it('lists the json-api example as a table sorted by path', async () => {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [flagonBin, 'routes', 'examples/json-api/app.ts'],
      { cwd: root },
    );
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        'Methods  Path                Endpoint',
        '-------  ------------------  -------------------',
        'GET      /docs               openapi_docs',
        'GET      /docs/assets/:file  openapi_docs_asset',
        'GET      /docs/init.js       openapi_docs_script',
        'GET      /items              list_items',
        'POST     /items              create_item',
        'DELETE   /items/:id          delete_item',
        'GET      /items/:id          get_item',
        'PUT      /items/:id          replace_item',
        'GET      /openapi.json       openapi_document',
        '',
      ].join('\n'),
    );
  });

  it('exits 1 with the reason on stderr when the app cannot be loaded', async () => {
    const failure = await promisify(execFile)(process.execPath, [flagonBin, 'routes', 'no/such/app.ts'], {
      cwd: root,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('cannot find the app module') });
  });

  it('exits 1 for a module that throws as it loads, with the stack pointing at its line', async () => {
    const failure = await promisify(execFile)(
      process.execPath,
      [flagonBin, 'routes', 'packages/framework/test/cli/fixtures/throws-at-import.ts'],
      { cwd: root },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    const { stderr } = failure as { stderr: string };
    expect(stderr).toMatch(
      /^flagon: cannot load the app module \S*throws-at-import\.ts: settings\.toml is missing\n/,
    );
    expect(stderr).toMatch(/\n {4}at .*fixtures\/throws-at-import\.ts:2:7\)?\n/);
  });
});
