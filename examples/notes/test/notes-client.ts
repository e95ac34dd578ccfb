// The notes app in memory for tests: a copy of an initialised PGlite folder, a fast password hash, a
// silent logger, and clients that fill in forms as a browser does (the CSRF token from the page).
import { join } from 'node:path';
import type { TestClient, TestResponse } from '@flagon/framework/testing';
import { createTestClient } from '@flagon/framework/testing';
import { createLogger } from '@flagon/gateway/core';
import { createNotesApp } from '../app.js';
import { freshDataDir } from './pglite-template.js';

/** The app on a fresh database, and a client for it (`client.cookies.clear()` makes it someone new). */
export interface NotesHarness {
  readonly app: ReturnType<typeof createNotesApp>;
  readonly client: TestClient;
  readonly dataDir: string;
  /** Shuts the app down, removes its folder, and fails if the app logged anything. */
  close(): Promise<void>;
}

/** Starts the app on a fresh data folder (no SECRET_KEY: the app makes one there). */
export async function startNotes(): Promise<NotesHarness> {
  const folder = await freshDataDir();
  const logged: string[] = [];
  const app = createNotesApp(
    { database: { dataDir: join(folder.dir, 'db') }, dataDir: folder.dir, secretKey: undefined },
    { passwordCost: { N: 2 ** 10, r: 8, p: 1 }, logger: createLogger('info', (line) => logged.push(line)) },
  );
  const client = createTestClient(app);
  await client.open();
  return {
    app,
    client,
    dataDir: folder.dir,
    close: async () => {
      await client.close();
      folder.remove();
      if (logged.length > 0) throw new Error(`the app logged:\n${logged.join('')}`);
    },
  };
}

/** The CSRF token of the first form on a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="csrf_token" value="([^"]+)"/.exec(html);
  if (match === null) throw new Error(`no CSRF field in:\n${html}`);
  return match[1]!;
}

/** Opens `path` and posts its form with `fields` (and the page's CSRF token), as a browser would. */
export async function submit(
  client: TestClient,
  path: string,
  fields: Record<string, string | Blob>,
  action = path,
): Promise<TestResponse> {
  const page = await client.get(path);
  const form = new FormData();
  form.set('csrf_token', csrfTokenIn(await page.text()));
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof File) form.set(name, value, value.name);
    else form.set(name, value);
  }
  return client.post(action, { form });
}

/** Signs up `username` (password `password123`) and follows to the notes list. */
export async function signUp(client: TestClient, username: string): Promise<TestResponse> {
  const res = await submit(client, '/signup', { username, password: 'password123', confirm: 'password123' });
  if (res.status !== 303) throw new Error(`sign-up answered ${res.status}:\n${await res.text()}`);
  return res;
}
