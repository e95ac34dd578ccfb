// `pnpm bench` as a user runs it: the entry point, its help, and its answer to a mistyped flag.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../run.mjs', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, [RUN, ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('bench/run.mjs', () => {
  it('prints its usage with --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: pnpm bench [options]');
    expect(stdout).toContain('--soak');
  });

  it('exits with status 2 and says what is wrong for an unknown scenario, without running anything', async () => {
    const { code, stderr } = await run(['--scenario', 'everything']);
    expect(code).toBe(2);
    expect(stderr).toContain('bench: unknown --scenario everything');
    expect(stderr).toContain('Usage: pnpm bench');
  });
});
