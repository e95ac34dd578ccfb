// PGlite's first start in an empty folder runs initdb, seconds of CPU. Tests that only need a database
// copy a folder PGlite initialised once (per PGlite version) instead; the restart test alone starts
// from an empty folder, as a first `npm start` does.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const NODE_MODULES = join(import.meta.dirname, '..', 'node_modules');
const pgliteVersion = (
  JSON.parse(readFileSync(join(NODE_MODULES, '@electric-sql', 'pglite', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
const CACHE = join(NODE_MODULES, '.cache');
const TEMPLATE = join(CACHE, `pglite-initdb-${pgliteVersion}`);

/** A new temp folder holding `db/`, a PGlite data folder as PGlite leaves an empty one after its first start. */
export async function freshDataDir(): Promise<{ dir: string; remove(): void }> {
  await ensureTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'flagon-notes-'));
  cpSync(TEMPLATE, join(dir, 'db'), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

async function ensureTemplate(): Promise<void> {
  try {
    readFileSync(join(TEMPLATE, 'PG_VERSION'));
    return;
  } catch {}
  mkdirSync(CACHE, { recursive: true });
  // Made aside and renamed into place: test files in parallel workers never see half a template.
  const scratch = mkdtempSync(join(dirname(TEMPLATE), '.pglite-initdb-'));
  const pglite = await PGlite.create(scratch);
  await pglite.close();
  try {
    renameSync(scratch, TEMPLATE);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another worker made it first
  }
}
