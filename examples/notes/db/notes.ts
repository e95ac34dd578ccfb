// Notes and their attachments. Every query names the owner: a note of another user reads as missing,
// so the routes answer 404 and never tell a stranger that the note exists.
import type { Kysely } from 'kysely';
import type { Attachment, Database, NewAttachment, Note } from './schema.js';

/** What a user writes in a note. */
export interface NoteInput {
  title: string;
  body: string;
}

/** A note in the list, with its attachment's name when it has one. */
export interface NoteSummary extends Note {
  attachment_filename: string | null;
}

/** The notes of `userId` with their attachment's name: the query the list and a single note share. */
function summariesOf(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('notes')
    .leftJoin('attachments', 'attachments.note_id', 'notes.id')
    .selectAll('notes')
    .select('attachments.filename as attachment_filename')
    .where('notes.user_id', '=', userId);
}

/**
 * The notes of `userId`, the last changed first.
 *
 * @example
 * ```ts
 * for (const note of await listNotes(db, user.id)) console.log(note.title, note.attachment_filename);
 * ```
 */
export function listNotes(db: Kysely<Database>, userId: number): Promise<NoteSummary[]> {
  return summariesOf(db, userId).orderBy('notes.updated_at', 'desc').orderBy('notes.id', 'desc').execute();
}

/** Note `noteId` if `userId` owns it. @example `await findNote(db, user.id, 7)` */
export function findNote(
  db: Kysely<Database>,
  userId: number,
  noteId: number,
): Promise<NoteSummary | undefined> {
  return summariesOf(db, userId).where('notes.id', '=', noteId).executeTakeFirst();
}

/** Adds a note for `userId`. @example `await createNote(db, user.id, { title: 'Milk', body: '' })` */
export function createNote(db: Kysely<Database>, userId: number, input: NoteInput): Promise<Note> {
  return db
    .insertInto('notes')
    .values({ user_id: userId, title: input.title, body: input.body })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes note `noteId` if `userId` owns it; resolves whether it did. @example `await updateNote(db, 1, 7, input)` */
export async function updateNote(
  db: Kysely<Database>,
  userId: number,
  noteId: number,
  input: NoteInput,
): Promise<boolean> {
  const result = await db
    .updateTable('notes')
    .set({ title: input.title, body: input.body, updated_at: new Date() })
    .where('user_id', '=', userId)
    .where('id', '=', noteId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deletes note `noteId` (and its attachment) if `userId` owns it; resolves whether it did. @example `await deleteNote(db, 1, 7)` */
export async function deleteNote(db: Kysely<Database>, userId: number, noteId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('notes')
    .where('user_id', '=', userId)
    .where('id', '=', noteId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Sets the attachment of note `noteId` (replacing the one it had) if `userId` owns the note; resolves
 * whether it did.
 *
 * @example
 * ```ts
 * await saveAttachment(db, user.id, note.id, { filename: 'a.txt', content_type: 'text/plain', data });
 * ```
 */
export async function saveAttachment(
  db: Kysely<Database>,
  userId: number,
  noteId: number,
  file: NewAttachment,
): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // Locks the note for the transaction: a concurrent delete cannot slip between the check and the insert.
    const owned = await tx
      .selectFrom('notes')
      .select('id')
      .where('user_id', '=', userId)
      .where('id', '=', noteId)
      .forUpdate()
      .executeTakeFirst();
    if (owned === undefined) return false;
    const row = { ...file, note_id: noteId, size: file.data.byteLength };
    await tx
      .insertInto('attachments')
      .values(row)
      .onConflict((conflict) =>
        conflict.column('note_id').doUpdateSet({
          filename: row.filename,
          content_type: row.content_type,
          size: row.size,
          data: row.data,
        }),
      )
      .execute();
    return true;
  });
}

/** The attachment of note `noteId` if `userId` owns the note. @example `await findAttachment(db, 1, 7)` */
export function findAttachment(
  db: Kysely<Database>,
  userId: number,
  noteId: number,
): Promise<Attachment | undefined> {
  return db
    .selectFrom('attachments')
    .innerJoin('notes', 'notes.id', 'attachments.note_id')
    .selectAll('attachments')
    .where('notes.user_id', '=', userId)
    .where('attachments.note_id', '=', noteId)
    .executeTakeFirst();
}
