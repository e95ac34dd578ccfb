// The types the notes app's parts share: what a request carries (`c.g`), the lifespan state (`c.state`)
// and the session, so that the app and its blueprints agree on them.
import type { Blueprint, Context, RawInput } from '@flagon/framework';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database, User } from './db/schema.js';
import type { ScryptCost } from './passwords.js';

/** `c.g`: the logged-in user, loaded once per request from the session. */
export interface NotesGlobals {
  user?: User;
}

/** `c.state`: the database, opened at startup and closed at shutdown. */
export interface NotesState {
  db: Kysely<Database>;
}

/** The session: who is logged in. A cookie that does not fit reads as an empty session. */
export const NotesSession = z.object({ userId: z.number().int().positive() });
export type NotesSession = z.infer<typeof NotesSession>;

/** The app's environment, as the framework's types take it. */
export interface NotesEnv {
  g: NotesGlobals;
  config: Record<string, unknown>;
  state: NotesState;
  session: NotesSession;
}

/** What a hook of the notes app gets as `c`. */
export type NotesContext = Context<RawInput, NotesEnv>;

/** A blueprint of the notes app, typed with the app's globals, state and session. */
export type NotesBlueprint = Blueprint<NotesGlobals, Record<string, unknown>, NotesState, NotesSession>;

/** How the blueprints are made: the password hashing cost (lower in tests). */
export interface NotesOptions {
  passwordCost?: ScryptCost;
}
