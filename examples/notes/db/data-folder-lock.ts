// A lock file in the PGlite data folder. PGlite runs Postgres inside this process, with no postmaster
// to refuse a second one, so two servers started on the same folder would both write to it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCK_FILE = 'notes.lock';

/**
 * Takes the data folder for this process (a `notes.lock` file holding its pid) and returns the function
 * that gives it back. Throws when another live process holds it; a lock left by a process that died
 * is taken over.
 *
 * @example
 * ```ts
 * const release = lockDataFolder('.data/db');
 * try { await work(); } finally { release(); }
 * ```
 */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (isAlive(holder)) {
        throw new Error(
          `the data folder ${dataDir} is in use by process ${holder}: PGlite serves one process at a time ` +
            '(stop the other server, or set DATABASE_URL to share a Postgres server)',
        );
      }
      rmSync(path, { force: true }); // left by a process that died; try once more
    }
  }
  throw new Error(`could not lock the data folder ${dataDir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, but belongs to another user
  }
}
