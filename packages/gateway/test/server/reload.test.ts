// flagon-gateway serve --reload: real processes, real files in a temporary folder, real saves.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { eventually, fetchOutcome } from '../node/helpers.js';
import type { CliRun } from './cli-process.js';
import { listeningUrl, runCli, serveCli, stop } from './cli-process.js';

const WAIT = 45_000;
const folders: string[] = [];
/** Stops `run` when the test that started it ends (the tests run at once, each with its own processes). */
function track<T extends CliRun>(run: T): T {
  onTestFinished(() => stop(run));
  return run;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** An app module that answers `<greeting> from <pid>`; `greeting` is a JavaScript expression. */
function appSource(greeting: string, imports = ''): string {
  return `${imports}
export default async (scope, _receive, send) => {
  if (scope.type !== 'http') return;
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: \`\${${greeting}} from \${process.pid}\` });
};
`;
}

/** As {@link appSource}, but the module marks itself loaded, and its startup waits for a `release` file. */
function slowStartingSource(greeting: string): string {
  return `import { existsSync, writeFileSync } from 'node:fs';
writeFileSync(new URL('./v3-loaded', import.meta.url), '');
export default async (scope, receive, send) => {
  if (scope.type === 'lifespan') {
    await receive();
    for (let i = 0; i < 800 && !existsSync(new URL('./release', import.meta.url)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await send({ type: 'lifespan.startup.complete' });
    await receive();
    await send({ type: 'lifespan.shutdown.complete' });
    return;
  }
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: \`\${${greeting}} from \${process.pid}\` });
};
`;
}

/** A project folder: `app/app.ts` (an ES module package), and beside it `shared/`, outside the app's folder. */
function project(): { root: string; app: string; write(path: string, text: string): void } {
  const root = mkdtempSync(join(tmpdir(), 'flagon-reload-'));
  folders.push(root);
  const write = (path: string, text: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('app/package.json', '{ "type": "module" }\n');
  write('app/app.ts', appSource("'v1'"));
  write('app/node_modules/dep/index.js', 'export const x = 1;\n');
  write('app/.git/HEAD', 'ref: refs/heads/main\n');
  write('app/notes.txt', 'not a source file\n');
  write('shared/greeting.ts', "export const greeting = 'shared v1';\n");
  return { root, app: join(root, 'app/app.ts'), write };
}

async function answer(url: string): Promise<{ text: string; pid: number }> {
  const { status, body } = await fetchOutcome(url);
  expect(status).toBe(200);
  const [, text, pid] = /^(.*) from (\d+)$/.exec(body)!;
  return { text: text!, pid: Number(pid) };
}

/** Waits until the server answers `text` (a reload replaces the worker while requests go on). */
async function answers(url: string, text: string): Promise<void> {
  let last = '';
  for (let i = 0; i < WAIT / 50 && last !== text; i++) {
    last = (await answer(url)).text;
    if (last !== text) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(last).toBe(text);
}

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('flagon-gateway serve --reload', () => {
  it('restarts the worker when a source file changes, in the app folder or a --reload-dir, and only then', async () => {
    const { root, app, write } = project();
    write('app/app.ts', appSource('greeting', "import { greeting } from '../shared/greeting.ts';"));
    const run = track(
      await serveCli(app, ['--reload', '--reload-dir', join(root, 'shared'), '--no-access-log']),
    );
    await eventually(() => run.stderr().includes('Supervising 1 worker'), WAIT);
    expect(run.stderr()).toContain(
      `Reloading on changes under ${join(root, 'app')}, ${join(root, 'shared')}\n`,
    );
    const first = await answer(run.url);
    expect(first.text).toBe('shared v1');

    // Saves the watcher must pass over: a dependency, git's own files, a file no pattern includes.
    write('app/node_modules/dep/index.js', 'export const x = 2;\n');
    write('app/.git/HEAD', 'ref: refs/heads/other\n');
    write('app/notes.txt', 'still not a source file\n');
    await new Promise((resolve) => setTimeout(resolve, 400)); // longer than the debounce
    write('shared/greeting.ts', "export const greeting = 'shared v2';\n");
    await answers(run.url, 'shared v2');
    const second = await answer(run.url);
    expect(second.pid).not.toBe(first.pid);
    const log = run.stderr();
    expect(count(log, ' changed: ')).toBe(1);
    expect(log).toContain(
      `INFO ${join(root, 'shared/greeting.ts')} changed: replacing 1 worker(s) one by one`,
    );
    expect(log).not.toMatch(/node_modules|HEAD|notes\.txt/);

    // A save while a reload is under way is not lost: v3's worker has read its code and holds its
    // startup until the test saves v4; once v3 serves, another reload brings v4.
    write('app/app.ts', slowStartingSource("'v3'"));
    await eventually(() => existsSync(join(root, 'app/v3-loaded')), WAIT);
    write('app/app.ts', appSource("'v4'"));
    await eventually(() => run.stderr().includes('another reload follows it'), WAIT);
    write('app/release', '');
    await answers(run.url, 'v4');
    expect(run.stderr()).toContain('changed: a start or reload is under way; another reload follows it');
  }, 150_000);

  it('waits for a fix of an app broken at start, keeps the old worker through broken saves, prints file:line', async () => {
    const { app, write } = project();
    write('app/app.ts', `throw new Error('not yet');\n${appSource("'v1'")}`);
    const run = track(runCli(['serve', app, '--reload', '--port', '0', '--no-access-log']));
    await eventually(() => run.stderr().includes('waiting for a change to retry'), WAIT);
    expect(run.stderr()).toMatch(/ERROR cannot load the app module \S*app\.ts: not yet\n/);
    expect(run.stderr()).toMatch(/\n {4}at .*app\/app\.ts:1:7\)?\n/);
    expect(run.child.exitCode).toBeNull();

    write('app/app.ts', appSource("'v1'"));
    const url = await listeningUrl(run);
    await eventually(() => run.stderr().includes('Supervising 1 worker'), WAIT);
    const before = await answer(url);
    expect(before.text).toBe('v1');

    // A syntax error: the transform's message names the file, line and column.
    write('app/app.ts', `${appSource("'v2'")}const broken: number = ;\n`);
    await eventually(() => count(run.stderr(), 'Reload stopped') === 1, WAIT);
    expect(run.stderr()).toMatch(/ERROR cannot load the app module \S*app\.ts: Transform failed/);
    expect(run.stderr()).toMatch(/\S*app\/app\.ts:7:23: ERROR: Unexpected ";"/);
    expect(await answer(url)).toEqual(before);

    // A throw at import: its stack points at the line.
    write('app/app.ts', `throw new Error('the config is missing');\n${appSource("'v2'")}`);
    await eventually(() => count(run.stderr(), 'Reload stopped') === 2, WAIT);
    expect(run.stderr()).toMatch(/ERROR cannot load the app module \S*app\.ts: the config is missing\n/);
    expect(count(run.stderr(), 'app/app.ts:1:7')).toBe(2);
    expect(await answer(url)).toEqual(before);

    write('app/app.ts', appSource("'v3'"));
    await answers(url, 'v3');
    // Each broken worker was tried once, not respawned in a loop.
    expect(run.stderr()).not.toContain('starting a new one');
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  }, 150_000);
});
