// Notes: a small server-rendered app with accounts, forms, uploads, flash messages and CSRF
// protection, on PGlite (Postgres in WASM, in a data folder) or on a Postgres server (DATABASE_URL).
// Serve it with `npm start` from the repository root, or `npx flagon-gateway serve app.ts` here.

import { Flagon, redirect } from '@flagon/framework';
import type { Logger } from '@flagon/gateway/core';
import { authBlueprint } from './auth.js';
import { authn } from './authn.js';
import { openDatabase } from './db/open.js';
import type { NotesOptions, NotesState } from './env.js';
import { notesBlueprint } from './notes.js';
import type { NotesSettings } from './settings.js';
import { notesSettings, resolveSecretKey } from './settings.js';

/** What `createNotesApp` takes besides the settings. */
export interface NotesAppOptions extends NotesOptions {
  /** Where the app logs (tests pass a captured one). */
  logger?: Logger;
}

/**
 * The notes app for `settings`: the database opens (and migrates) at startup and closes at shutdown;
 * the session key is `SECRET_KEY` or one kept in the data folder (see `resolveSecretKey`).
 *
 * @example
 * ```ts
 * const app = createNotesApp(notesSettings({ NOTES_DATA_DIR: '/var/lib/notes' }));
 * ```
 */
export function createNotesApp(settings: NotesSettings, options: NotesAppOptions = {}) {
  const base = new Flagon<Record<string, unknown>, Record<string, unknown>, NotesState>({
    root: import.meta.dirname,
    logger: options.logger,
  });

  base.onStartup(async (state) => {
    // The key first: a missing SECRET_KEY with DATABASE_URL stops the start before any connection.
    base.config.SECRET_KEY = resolveSecretKey(settings);
    state.db = await openDatabase(settings.database);
  });
  base.onShutdown(async (state) => {
    await state.db?.destroy();
  });

  // From here on `c.user` is the logged-in user or null, on every route and in every template.
  const app = base.use(authn);
  app.contextProcessor((c) => ({ user: c.user }));

  app.get('/', { name: 'index' }, (c) =>
    redirect(c.urlFor(c.user === null ? 'auth.login' : 'notes.list'), 303),
  );
  app.register(authBlueprint(options));
  app.register(notesBlueprint());

  app.errorHandler(404, (c) => c.render('errors/404', {}, { status: 404 }));
  return app;
}

const app = createNotesApp(notesSettings());
// The framework's own settings from FLAGON_* variables: FLAGON_SESSION_COOKIE_SECURE,
// FLAGON_CSRF_TRUSTED_ORIGINS, FLAGON_SECRET_KEY_FALLBACKS behind a proxy (docs/deploy.md).
app.config.fromEnv('FLAGON_');
export default app;
