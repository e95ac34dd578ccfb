// The repository on PGlite, the app's default database, in a temp data folder.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase } from '../db/open.js';
import type { Database } from '../db/schema.js';
import { freshDataDir } from './pglite-template.js';
import { repositoryCases } from './repository-cases.js';

describe('the notes repository on PGlite', () => {
  let db: Kysely<Database>;
  let folder: Awaited<ReturnType<typeof freshDataDir>>;
  beforeAll(async () => {
    folder = await freshDataDir();
    db = await openDatabase({ dataDir: `${folder.dir}/db` });
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    folder?.remove();
  });

  repositoryCases(() => db);
});
