// Shared by the template tests: folders of template files made per test and removed after it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import { Flagon } from '../../src/index.js';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding `files` (paths relative to it), removed after the test. */
export function folderWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'flagon-templates-'));
  made.push(root);
  writeFiles(root, files);
  return root;
}

/** Writes `files` under `root`, making folders as needed. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A logger that drops everything: the 500s these tests provoke are asserted on, not printed. */
export const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** An app whose `templates/` folder holds `templates` (names relative to it). */
export function appWith(templates: Record<string, string>, options: { debug?: boolean } = {}) {
  const root = folderWith(
    Object.fromEntries(Object.entries(templates).map(([k, v]) => [`templates/${k}`, v])),
  );
  return { app: new Flagon({ root, logger: silent, debug: options.debug ?? false }), root };
}
