// The migrations, by name in the order they run: imported rather than read from a folder at run time,
// so they work the same under tsx, a bundler or a compiled build.
import type { Migration, MigrationProvider } from 'kysely/migration';
import * as usersAndNotes from './001-users-and-notes.js';

const MIGRATIONS: Record<string, Migration> = {
  '001-users-and-notes': usersAndNotes,
};

/** Hands kysely's `Migrator` the migrations above. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
