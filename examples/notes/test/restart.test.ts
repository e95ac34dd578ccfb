// The data folder is the app's memory: what one run writes, the next run reads; and while one process
// has it open, no other may (PGlite would let two corrupt it). The browser test starts the real server
// on an empty folder, as a first `npm start` does; here the folder is a copy PGlite initialised once.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createNote, listNotes } from '../db/notes.js';
import { openDatabase } from '../db/open.js';
import { createUser, findUserByName } from '../db/users.js';
import { freshDataDir } from './pglite-template.js';

it('keeps users and notes across a restart, and keeps a second process out meanwhile', async () => {
  const folder = await freshDataDir();
  const dataDir = join(folder.dir, 'db');
  const lockFile = join(dataDir, 'notes.lock');
  try {
    const first = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(
        `the data folder ${dataDir} is in use by process ${process.pid}`,
      );
      const ada = (await createUser(first, 'ada', 'hash'))!;
      await createNote(first, ada.id, { title: 'remember me', body: 'across restarts' });
    } finally {
      await first.destroy();
    }
    expect(() => readFileSync(lockFile)).toThrow(/ENOENT/);

    // A lock left behind by a process that died (killed, power cut) does not keep the app down.
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(lockFile, `${dead}\n`);
    const second = await openDatabase({ dataDir });
    try {
      expect(readFileSync(lockFile, 'utf8')).toBe(`${process.pid}\n`);
      const ada = await findUserByName(second, 'ada');
      expect(ada?.password_hash).toBe('hash');
      expect((await listNotes(second, ada!.id)).map((note) => [note.title, note.body])).toEqual([
        ['remember me', 'across restarts'],
      ]);
    } finally {
      await second.destroy();
    }
  } finally {
    folder.remove();
  }
}, 60_000);
