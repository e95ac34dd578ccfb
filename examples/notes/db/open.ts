// Opens the notes database: PGlite (Postgres compiled to WASM) in a data folder by default, or a
// Postgres server when a URL is given; the same kysely queries and migrations either way.
import { mkdirSync } from 'node:fs';
import type { Dialect } from 'kysely';
import { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { lockDataFolder } from './data-folder-lock.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';

/** Where the data lives: a Postgres server's URL, else a PGlite data folder. */
export type DatabaseLocation = { databaseUrl: string } | { dataDir: string };

/**
 * Opens the database at `location` and brings its schema up to date (kysely's `Migrator`); rejects
 * with the failing migration's error. Close it with `db.destroy()` (which also closes PGlite or the pool).
 *
 * @example
 * ```ts
 * const db = await openDatabase({ dataDir: '.data/db' });
 * await db.selectFrom('notes').selectAll().execute();
 * await db.destroy();
 * ```
 */
export async function openDatabase(location: DatabaseLocation): Promise<Kysely<Database>> {
  const { dialect, release } =
    'databaseUrl' in location
      ? await postgresDialect(location.databaseUrl)
      : await pgliteDialect(location.dataDir);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrate(db);
  } catch (error) {
    await db.destroy();
    release();
    throw error;
  }
  // `destroy()` closes the connection; the data folder's lock goes once that is done.
  const destroy = db.destroy.bind(db);
  db.destroy = async () => {
    try {
      await destroy();
    } finally {
      release();
    }
  };
  return db;
}

/** Runs every migration not yet run, in name order. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${errorMessage(error)}`, { cause: error });
  }
}

interface OpenedDialect {
  dialect: Dialect;
  /** Gives back what opening took (the data folder's lock). */
  release(): void;
}

// Each driver is imported only when used: a server on Postgres never loads the WASM build, and back.
async function pgliteDialect(dataDir: string): Promise<OpenedDialect> {
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely'),
  ]);
  mkdirSync(dataDir, { recursive: true });
  // PGlite is one process's database: a second server on the same folder would corrupt it.
  const release = lockDataFolder(dataDir);
  try {
    const pglite = await PGlite.create(dataDir);
    return { dialect: new PGliteDialect({ pglite }), release };
  } catch (error) {
    release();
    throw error;
  }
}

async function postgresDialect(databaseUrl: string): Promise<OpenedDialect> {
  const [{ default: pg }, { PostgresDialect }] = await Promise.all([import('pg'), import('kysely')]);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  return { dialect: new PostgresDialect({ pool }), release: () => {} };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
