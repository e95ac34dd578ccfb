// A throwaway Postgres server for the tests of the DATABASE_URL path: Debian's postgresql binaries,
// a cluster in a temp folder on a free port, trust auth on 127.0.0.1 only, no fsync, removed after.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the server binaries are and which user runs them, or why there is no server to run. */
export type PostgresAvailability =
  | { ok: true; bin: string; runAs: { uid: number; gid: number; name: string } | undefined }
  | { ok: false; reason: string };

/** A running throwaway cluster. */
export interface PostgresCluster {
  /** `postgres://notes@127.0.0.1:PORT/postgres`: the superuser `notes`, no password (trust). */
  readonly url: string;
  /** Stops the server at once and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Finds `initdb` and `pg_ctl` under `/usr/lib/postgresql/<version>/bin` (Debian's layout; `.ci/run`
 * installs the package when it can). Postgres refuses to run as root, so as root it runs as the
 * `postgres` user the package creates.
 */
export function postgresAvailability(): PostgresAvailability {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions
    .map((version) => join(base, version, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')));
  if (bin === undefined) {
    return {
      ok: false,
      reason: 'no Postgres server here: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)',
    };
  }
  if (process.getuid?.() !== 0) return { ok: true, bin, runAs: undefined };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { ok: true, bin, runAs: { uid, gid, name: 'postgres' } };
  } catch {
    return { ok: false, reason: 'running as root, and there is no postgres user to run the server as' };
  }
}

/**
 * Creates and starts a cluster in a new temp folder on a free port of 127.0.0.1.
 *
 * @example
 * ```ts
 * const cluster = await startCluster(availability);
 * const db = await openDatabase({ databaseUrl: cluster.url });
 * ```
 */
export async function startCluster(
  found: Extract<PostgresAvailability, { ok: true }>,
): Promise<PostgresCluster> {
  const folder = mkdtempSync(join(tmpdir(), 'flagon-notes-pg-'));
  if (found.runAs !== undefined) chownSync(folder, found.runAs.uid, found.runAs.gid);
  const data = join(folder, 'data');
  // `runuser` (util-linux) switches user without a password or a login shell, as root only.
  const pg = (tool: string, args: string[]) =>
    found.runAs === undefined
      ? run(join(found.bin, tool), args)
      : run('runuser', ['-u', found.runAs.name, '--', join(found.bin, tool), ...args]);
  try {
    await pg('initdb', ['-D', data, '-U', 'notes', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = `-h 127.0.0.1 -p ${port} -k ${folder} -F -c full_page_writes=off`;
    await pg('pg_ctl', [
      '-D',
      data,
      '-l',
      join(folder, 'server.log'),
      '-o',
      options,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    return {
      url: `postgres://notes@127.0.0.1:${port}/postgres`,
      stop: async () => {
        try {
          await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** A port free on 127.0.0.1 right now (the OS picks it; the server binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
