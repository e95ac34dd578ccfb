#!/usr/bin/env node
// In the workspace the package is TypeScript source (src/ is there), run through tsx; a packed package
// ships no src/, only the built dist/. Choosing by src/ rather than dist/ means a `pnpm build` in the
// workspace never switches the CLI to half-built output that imports workspace TypeScript.
import { existsSync } from 'node:fs';

const source = new URL('../src/server/cli.ts', import.meta.url);
// Bun and Deno run TypeScript themselves; tsx's loader hooks are Node's.
const nativeTypeScript = process.versions.bun !== undefined || process.versions.deno !== undefined;
if (existsSync(source)) {
  if (!nativeTypeScript) {
    const { register } = await import('tsx/esm/api');
    register();
  }
  await import(source.href);
} else {
  await import(new URL('../dist/server/cli.js', import.meta.url).href);
}
