// The repository's behaviour, written once and run on each database the app supports: PGlite
// (repository.test.ts) and a Postgres server (postgres-server.test.ts).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  createNote,
  deleteNote,
  findAttachment,
  findNote,
  listNotes,
  saveAttachment,
  updateNote,
} from '../db/notes.js';
import { migrate } from '../db/open.js';
import type { Database } from '../db/schema.js';
import { createUser, findUserById, findUserByName } from '../db/users.js';

/** Registers the repository tests against the database `db()` returns (opened and migrated). */
export function repositoryCases(db: () => Kysely<Database>): void {
  const newUser = async (name: string) => (await createUser(db(), name, `hash-of-${name}`))!;

  it('creates a user and refuses the same name in another case', async () => {
    const ada = await createUser(db(), 'Ada', 'hash');
    expect(ada).toMatchObject({ username: 'Ada', password_hash: 'hash' });
    expect(ada!.created_at).toBeInstanceOf(Date);
    expect(await createUser(db(), 'ada', 'other')).toBeUndefined();
    expect((await findUserByName(db(), 'ADA'))?.id).toBe(ada!.id);
    expect((await findUserById(db(), ada!.id))?.username).toBe('Ada');
    expect(await findUserByName(db(), 'nobody')).toBeUndefined();
  });

  it("lists a user's own notes, the last changed first, and never another user's", async () => {
    const [grace, linus] = [await newUser('grace'), await newUser('linus')];
    const first = await createNote(db(), grace.id, { title: 'first', body: 'one' });
    const second = await createNote(db(), grace.id, { title: 'second', body: 'two' });
    await createNote(db(), linus.id, { title: "linus's", body: '' });
    expect((await listNotes(db(), grace.id)).map((note) => note.title)).toEqual(['second', 'first']);
    expect(await updateNote(db(), grace.id, first.id, { title: 'first, edited', body: 'one!' })).toBe(true);
    const notes = await listNotes(db(), grace.id);
    expect(notes.map((note) => [note.id, note.title, note.body])).toEqual([
      [first.id, 'first, edited', 'one!'],
      [second.id, 'second', 'two'],
    ]);
    expect(notes[0]!.updated_at.getTime()).toBeGreaterThanOrEqual(notes[0]!.created_at.getTime());
  });

  it("reads another user's note as missing: no find, no update, no delete", async () => {
    const [owner, stranger] = [await newUser('owner'), await newUser('stranger')];
    const note = await createNote(db(), owner.id, { title: 'private', body: 'secret' });
    expect(await findNote(db(), stranger.id, note.id)).toBeUndefined();
    expect(await updateNote(db(), stranger.id, note.id, { title: 'mine now', body: '' })).toBe(false);
    expect(await deleteNote(db(), stranger.id, note.id)).toBe(false);
    expect(await findNote(db(), owner.id, note.id)).toMatchObject({ title: 'private', body: 'secret' });
    expect(await deleteNote(db(), owner.id, note.id)).toBe(true);
    expect(await findNote(db(), owner.id, note.id)).toBeUndefined();
    expect(await deleteNote(db(), owner.id, note.id)).toBe(false);
  });

  it('keeps one attachment per note, byte for byte, for its owner only, and drops it with the note', async () => {
    const [owner, stranger] = [await newUser('writer'), await newUser('reader')];
    const note = await createNote(db(), owner.id, { title: 'with a file', body: '' });
    const bytes = Uint8Array.from({ length: 600 }, (_, i) => (i * 7) % 256); // every byte value, NUL too
    const file = { filename: 'data.bin', content_type: 'application/octet-stream', data: bytes };
    expect(await saveAttachment(db(), stranger.id, note.id, file)).toBe(false);
    expect(await findAttachment(db(), owner.id, note.id)).toBeUndefined();

    expect(await saveAttachment(db(), owner.id, note.id, file)).toBe(true);
    const saved = await findAttachment(db(), owner.id, note.id);
    expect(saved).toMatchObject({
      filename: 'data.bin',
      content_type: 'application/octet-stream',
      size: 600,
    });
    expect(new Uint8Array(saved!.data)).toEqual(bytes);
    expect(await findAttachment(db(), stranger.id, note.id)).toBeUndefined();
    expect((await findNote(db(), owner.id, note.id))?.attachment_filename).toBe('data.bin');

    const text = { filename: 'b.txt', content_type: 'text/plain', data: new TextEncoder().encode('hi') };
    expect(await saveAttachment(db(), owner.id, note.id, text)).toBe(true);
    expect(await findAttachment(db(), owner.id, note.id)).toMatchObject({ filename: 'b.txt', size: 2 });
    expect((await listNotes(db(), owner.id))[0]?.attachment_filename).toBe('b.txt');

    await deleteNote(db(), owner.id, note.id);
    expect(await findAttachment(db(), owner.id, note.id)).toBeUndefined();
  });

  it('runs the migrations again as a no-op', async () => {
    await migrate(db());
    const tables = await db().introspection.getTables();
    expect(tables.map((table) => table.name).sort()).toEqual(['attachments', 'notes', 'users']);
    const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db());
    expect(ran.rows.map((row) => row.name)).toEqual(['001-users-and-notes']);
  });
}
