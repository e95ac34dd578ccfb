// The types the notes app's parts share: what a request carries (`c.g`), the lifespan state (`c.state`)
// and the session, so that the app and its blueprints agree on them.
import type { Blueprint, HandlerContext, RawInput } from '@flagon/framework';
import type { Kysely } from 'kysely';
import type { Database, User } from './db/schema.js';
import type { ScryptCost } from './passwords.js';

/** What the auth plugin adds: `c.user`, the logged-in user or `null` (see authn.ts). */
export interface NotesVars {
  user: User | null;
}

/** `c.state`: the database, opened at startup and closed at shutdown. */
export interface NotesState {
  db: Kysely<Database>;
}

/** The app's environment, as the framework's types take it. */
export interface NotesEnv {
  g: Record<string, unknown>;
  config: Record<string, unknown>;
  state: NotesState;
  session: Record<string, unknown>;
  vars: NotesVars;
}

/** What a hook of the notes app gets as `c`. */
export type NotesContext = HandlerContext<RawInput, NotesEnv>;

/** A blueprint of the notes app: it needs the app's state and the auth plugin's `c.user`. */
export type NotesBlueprint = Blueprint<
  Record<string, unknown>,
  Record<string, unknown>,
  NotesState,
  Record<string, unknown>,
  NotesVars
>;

/** How the blueprints are made: the password hashing cost (lower in tests). */
export interface NotesOptions {
  passwordCost?: ScryptCost;
}
