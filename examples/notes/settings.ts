// The notes app's settings, from the environment: where the data is and which key signs sessions.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatabaseLocation } from './db/open.js';

/** What the notes app needs to start. */
export interface NotesSettings {
  /** The PGlite data folder, or a Postgres server's URL. */
  database: DatabaseLocation;
  /** The folder for what is not in the database (the generated secret key). */
  dataDir: string;
  /** `SECRET_KEY` from the environment; when unset, the key kept in the data folder is used. */
  secretKey: string | undefined;
}

/**
 * The settings from `env`: `NOTES_DATA_DIR` (default `examples/notes/.data`, git-ignored),
 * `DATABASE_URL` (a Postgres server instead of PGlite) and `SECRET_KEY`.
 *
 * @example
 * ```ts
 * notesSettings({ NOTES_DATA_DIR: '/var/lib/notes' }).database; // { dataDir: '/var/lib/notes/db' }
 * ```
 */
export function notesSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): NotesSettings {
  const dataDir = resolve(env.NOTES_DATA_DIR || join(import.meta.dirname, '.data'));
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    database: databaseUrl === undefined ? { dataDir: join(dataDir, 'db') } : { databaseUrl },
    dataDir,
    secretKey: env.SECRET_KEY || undefined,
  };
}

const SECRET_KEY_FILE = 'secret-key';

/**
 * The key that signs sessions: `settings.secretKey` when set; else, on PGlite, a random key made on
 * first start and kept in the data folder (owner-only), so restarts keep users logged in and no key
 * is ever written in the code. With `DATABASE_URL` there is no such default: several servers share
 * that database, and they must all sign with the same key, so `SECRET_KEY` is required.
 *
 * @example
 * ```ts
 * app.config.SECRET_KEY = resolveSecretKey(notesSettings());
 * ```
 */
export function resolveSecretKey(settings: NotesSettings): string {
  if (settings.secretKey !== undefined) return settings.secretKey;
  if ('databaseUrl' in settings.database) {
    throw new Error(
      'SECRET_KEY is not set: with DATABASE_URL every server of the app must sign sessions with the same key',
    );
  }
  mkdirSync(settings.dataDir, { recursive: true });
  const path = join(settings.dataDir, SECRET_KEY_FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32).toString('base64url');
  // `wx`: if another process wrote one meanwhile, this fails rather than replacing the key it uses.
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
