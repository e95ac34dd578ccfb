// PGlite's first start in an empty folder runs initdb, seconds of CPU. The tests copy a folder PGlite
// initialised once (per PGlite version, kept in node_modules/.cache) instead: making that folder is
// the first start from an empty folder; the app's own startup (migrations) runs on each copy.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  if (hasTemplate()) return;
  mkdirSync(CACHE, { recursive: true });
  // One worker makes it while the others wait (initdb in every worker at once would cost them all);
  // a lock left by a run that was killed stops being waited for after a while.
  const lock = `${TEMPLATE}.lock`;
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    for (let waited = 0; waited < 120_000 && !hasTemplate() && existsSync(lock); waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (hasTemplate()) return;
  }
  try {
    // Made aside and renamed into place: no worker ever sees half a template.
    const scratch = mkdtempSync(join(CACHE, '.pglite-initdb-'));
    const pglite = await PGlite.create(scratch);
    await pglite.close();
    try {
      renameSync(scratch, TEMPLATE);
    } catch {
      rmSync(scratch, { recursive: true, force: true }); // another worker made it first
    }
  } finally {
    if (mine) rmSync(lock, { recursive: true, force: true });
  }
}

function hasTemplate(): boolean {
  return existsSync(join(TEMPLATE, 'PG_VERSION'));
}
