// The DATABASE_URL path: the same repository tests on a real Postgres server (a throwaway cluster).
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import type { Database } from '../db/schema.js';
import type { PostgresCluster } from './postgres-cluster.js';
import { postgresAvailability, startCluster } from './postgres-cluster.js';
import { repositoryCases } from './repository-cases.js';

const found = postgresAvailability();

describe('the notes repository on a Postgres server (DATABASE_URL)', () => {
  if (!found.ok) {
    it('runs on a throwaway Postgres cluster', (context) => context.skip(`skipped: ${found.reason}`));
    return;
  }
  let cluster: PostgresCluster | undefined;
  let db: Kysely<Database>;
  beforeAll(async () => {
    cluster = await startCluster(found);
    db = await openDatabase({ databaseUrl: cluster.url });
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await cluster?.stop();
  }, 30_000);

  repositoryCases(() => db);
});
