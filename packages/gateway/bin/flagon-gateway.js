#!/usr/bin/env node
// Runs the built CLI when the package was built (published), else the TypeScript source through tsx,
// which the CLI needs anyway to load `.ts` app modules.
import { existsSync } from 'node:fs';

const built = new URL('../dist/server/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/server/cli.ts', import.meta.url).href);
}
