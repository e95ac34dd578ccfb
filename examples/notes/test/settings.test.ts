// Where the app keeps its data and which key signs its sessions, from the environment.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { notesSettings, resolveSecretKey } from '../settings.js';

const scratch = mkdtempSync(join(tmpdir(), 'flagon-notes-settings-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('keeps PGlite in NOTES_DATA_DIR (by default the git-ignored examples/notes/.data)', () => {
  expect(notesSettings({})).toEqual({
    database: { dataDir: join(import.meta.dirname, '..', '.data', 'db') },
    dataDir: join(import.meta.dirname, '..', '.data'),
    secretKey: undefined,
  });
  expect(notesSettings({ NOTES_DATA_DIR: '/srv/notes', SECRET_KEY: 'k' })).toMatchObject({
    database: { dataDir: '/srv/notes/db' },
    secretKey: 'k',
  });
  expect(notesSettings({ DATABASE_URL: 'postgres://db.internal/notes' }).database).toEqual({
    databaseUrl: 'postgres://db.internal/notes',
  });
});

it('makes a session key once, owner-only, and reads the same one after a restart', () => {
  const settings = notesSettings({ NOTES_DATA_DIR: join(scratch, 'fresh', 'nested') });
  const key = resolveSecretKey(settings);
  expect(key).toMatch(/^[\w-]{43}$/);
  const file = join(scratch, 'fresh', 'nested', 'secret-key');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
  expect(resolveSecretKey(settings)).toBe(key);
  expect(resolveSecretKey(notesSettings({ NOTES_DATA_DIR: join(scratch, 'other') }))).not.toBe(key);
});

it('uses SECRET_KEY when set, and requires it with DATABASE_URL, where servers must share one', () => {
  expect(resolveSecretKey(notesSettings({ NOTES_DATA_DIR: scratch, SECRET_KEY: 'from-env' }))).toBe(
    'from-env',
  );
  expect(() => resolveSecretKey(notesSettings({ DATABASE_URL: 'postgres://127.0.0.1/notes' }))).toThrow(
    'SECRET_KEY is not set: with DATABASE_URL every server of the app must sign sessions with the same key',
  );
});
