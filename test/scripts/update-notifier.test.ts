// `npm start` on a first run installs with pnpm, which must not print its "Update available" box: the
// repository's .npmrc turns the notifier off, for pnpm (and npm) run anywhere in the workspace.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { consumerEnv, run } from '../consumer/commands.js';

const ROOT = new URL('../../', import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), 'flagon-npmrc-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("turns off pnpm's update notifier in the repository's .npmrc, whatever the user's own config says", async () => {
  copyFileSync(new URL('.npmrc', ROOT), join(scratch, '.npmrc'));
  writeFileSync(join(scratch, 'package.json'), '{"name":"probe","version":"1.0.0"}');
  writeFileSync(join(scratch, 'empty.npmrc'), '');
  // Only the project's .npmrc counts: no user or global config, no npm_config_* from the running suite.
  const env = consumerEnv({
    npm_config_userconfig: join(scratch, 'empty.npmrc'),
    npm_config_globalconfig: join(scratch, 'empty.npmrc'),
  });
  delete env.npm_config_update_notifier;
  const pinned = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')).packageManager as string;
  let result = await run('pnpm', ['config', 'get', 'update-notifier'], scratch, env);
  if (result.code !== 0) {
    // No pnpm on PATH: the one scripts/ensure-installed.mjs runs, through npx.
    result = await run('npx', ['-y', pinned, 'config', 'get', 'update-notifier'], scratch, env);
  }
  expect(result).toMatchObject({ code: 0, stdout: 'false\n' });
});
