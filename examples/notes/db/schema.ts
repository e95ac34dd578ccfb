// The tables as kysely sees them: one interface per table, `Generated` for what the database fills in.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Set by the database on insert (`default now()`), never written by the app. */
type CreatedAt = ColumnType<Date, never, never>;

export interface UsersTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  created_at: CreatedAt;
}

export interface NotesTable {
  id: Generated<number>;
  user_id: number;
  title: string;
  body: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

/** At most one attachment per note: the note's id is the key. */
export interface AttachmentsTable {
  note_id: number;
  filename: string;
  content_type: string;
  size: number;
  data: Uint8Array;
  created_at: CreatedAt;
}

/** The notes database, as `Kysely<Database>` types its queries. */
export interface Database {
  users: UsersTable;
  notes: NotesTable;
  attachments: AttachmentsTable;
}

export type User = Selectable<UsersTable>;
export type Note = Selectable<NotesTable>;
export type Attachment = Selectable<AttachmentsTable>;
export type NewAttachment = Omit<Insertable<AttachmentsTable>, 'note_id' | 'size'>;
