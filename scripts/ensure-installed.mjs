#!/usr/bin/env node
// Lets `npm start` and `npm test` work on a machine with only Node and npm: install the workspace
// with the pinned pnpm when node_modules is missing or older than the lockfile, else do nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = join(root, 'pnpm-lock.yaml');
const installedLock = join(root, 'node_modules', '.pnpm', 'lock.yaml');

function upToDate() {
  if (!existsSync(installedLock) || !existsSync(lockfile)) return false;
  // pnpm keeps a copy of the lockfile it installed from; a differing copy means a stale install.
  return readFileSync(lockfile, 'utf8') === readFileSync(installedLock, 'utf8');
}

if (!upToDate()) {
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  const viaPnpm = (process.env.npm_config_user_agent ?? '').startsWith('pnpm/');
  const [cmd, args] = viaPnpm
    ? ['pnpm', ['install', '--frozen-lockfile']]
    : ['npx', ['-y', pinned, 'install', '--frozen-lockfile']];
  console.error(`flagon: installing dependencies (${[cmd, ...args].join(' ')})`);
  // .npmrc says update-notifier=false too; the env also covers an npx that reads no project .npmrc.
  const env = { ...process.env, npm_config_update_notifier: 'false' };
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env });
}
