// The user accounts: created at sign-up, found by name at log-in and by id on every request.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, User } from './schema.js';

/** Postgres's code for a unique constraint refusing a row (`users_username_key`: a name taken). */
const UNIQUE_VIOLATION = '23505';

/**
 * Adds a user; resolves `undefined` when the name is taken (in any case: "Ada" and "ada" are one).
 *
 * @example
 * ```ts
 * const user = await createUser(db, 'ada', await hashPassword('correct horse'));
 * ```
 */
export async function createUser(
  db: Kysely<Database>,
  username: string,
  passwordHash: string,
): Promise<User | undefined> {
  try {
    return await db
      .insertInto('users')
      .values({ username, password_hash: passwordHash })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return undefined;
    throw error;
  }
}

/** The user named `username`, whatever its case. @example `await findUserByName(db, 'Ada')` */
export function findUserByName(db: Kysely<Database>, username: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

/** The user with id `id`. @example `await findUserById(db, c.session.get('userId'))` */
export function findUserById(db: Kysely<Database>, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}
