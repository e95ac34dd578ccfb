import type { Logger } from '@flagon/gateway/core';
import type { SessionSchema } from './sessions/session-schema.js';
import type { SessionStore } from './sessions/session-store.js';
import type { StaticFolderOptions } from './static/static-route.js';
import type { TemplateFolderOption } from './templates/template-folder.js';

/** Options of `new Flagon(options)`. */
export interface FlagonOptions<C extends object, Sess extends object = Record<string, unknown>>
  extends StaticFolderOptions {
  /**
   * Debug mode: a 500 shows the error's message and stack. Same as `config.DEBUG`. Unset (here and in
   * `config`), the environment's `FLAGON_DEBUG` decides; else `false`.
   */
  debug?: boolean;
  /**
   * The request body limit in bytes (default 1 MiB), a non-negative integer or `Infinity` (no limit);
   * anything else throws a `TypeError`. Same as `config.MAX_BODY_SIZE`. Unset (here and in `config`),
   * the environment's `FLAGON_MAX_BODY_SIZE` decides.
   */
  maxBodySize?: number;
  /** Initial config; `app.config` is typed from it. */
  config?: C;
  /** Where unhandled errors and failing hooks are logged; defaults to `createLogger('info')`. */
  logger?: Logger;
  /**
   * The app's folder, where its `templates/` and `static/` are (Flask's `root_path`): an absolute path
   * or a `file:` URL, usually `import.meta.dirname`. Unset, the app has neither (see `staticFolder`).
   */
  root?: string | URL;
  /**
   * The app's template folder: relative to `root` or absolute, `false` for none. Default `'templates'`
   * (so `<root>/templates`, when `root` is given).
   */
  templateFolder?: TemplateFolderOption;
  /**
   * A zod schema of the session's values: types `c.session` (every field optional, as a session starts
   * empty), and a cookie whose values no longer fit reads as an empty session.
   */
  session?: SessionSchema<Sess>;
  /**
   * Keeps sessions on the server (the cookie then holds a signed random id) instead of in the signed
   * cookie (the default). Turns sessions and CSRF protection on, but a `SECRET_KEY` is still needed.
   */
  sessionStore?: SessionStore;
}
