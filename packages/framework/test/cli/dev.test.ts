// flagon dev: the framework's shortcut for flagon-gateway serve --reload, run as a user would.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';

const flagonBin = join(import.meta.dirname, '..', '..', 'bin', 'flagon.js');
const folder = mkdtempSync(join(tmpdir(), 'flagon-dev-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeApp(greeting: string): void {
  writeFileSync(
    join(folder, 'app.ts'),
    `export default async (scope, _receive, send) => {
  if (scope.type !== 'http') return;
  await send({ type: 'http.response.start', status: 200 });
  await send({ type: 'http.response.body', body: '${greeting}' });
};
`,
  );
}

async function until(check: () => boolean | Promise<boolean>, what: () => string): Promise<void> {
  for (let i = 0; i < 900; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting; stderr:\n${what()}`);
}

describe('flagon dev', () => {
  it('serves the app with --reload: a save is picked up, and SIGTERM stops it with 0', async () => {
    writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
    writeApp('before');
    const child = spawn(process.execPath, [flagonBin, 'dev', 'app.ts', '--port', '0', '--no-access-log'], {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await until(
        () => stderr.includes('Supervising 1 worker'),
        () => stderr,
      );
      const url = /Listening on (http:\S+)/.exec(stderr)![1]!;
      expect(await (await fetch(url)).text()).toBe('before');
      expect(stderr).toContain(`Reloading on changes under ${folder}`);

      writeApp('after');
      // The replaced worker closes its idle keep-alive connections at once (dev reload): a GET sent on one
      // just then is retried on a new connection, as a browser does.
      const answer = async (): Promise<string> => {
        try {
          return await (await fetch(url)).text();
        } catch {
          return (await fetch(url)).text();
        }
      };
      await until(
        async () => (await answer()) === 'after',
        () => stderr,
      );
      expect(await answer()).toBe('after');
      expect(stderr).toMatch(/INFO \S*app\.ts changed: replacing 1 worker\(s\) one by one/);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 150_000);

  it('shows its help, and says what is missing without an app', async () => {
    let stdout = '';
    let stderr = '';
    const io = {
      cwd: folder,
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
    };
    expect(await runCli(['dev', '--help'], io)).toBe(0);
    expect(stdout).toMatch(/^Usage: flagon dev <module>\[:<export>\] \[options of flagon-gateway serve\]\n/);
    expect(await runCli(['dev', '--port', '3000'], io)).toBe(2);
    expect(stderr).toBe(
      'flagon: dev takes the app first, as <module>[:<export>]\nRun "flagon --help" for usage.\n',
    );
  });
});
