/**
 * Express's side of the small-app scenarios (session, page, static), each with the middleware an
 * Express user reaches for, mounted on its own routes only (as `express.json()` is on the POST), so the
 * other scenarios' numbers stay as they were.
 *
 * - session: `cookie-session`, the session in a signed cookie, signed through a Keygrip set to
 *   HMAC-SHA256 (its default is SHA-1); it writes the signature as a second cookie, `session.sig`.
 * - page: the same session; flash by `connect-flash` (old, but still the one Express apps use, and what
 *   `@fastify/flash` copies); CSRF tokens by `csrf-sync` (the synchronizer-token pattern, kept in the
 *   session: the maintained successor of the deprecated `csurf`); eta as the view engine.
 * - static: `express.static`, with its defaults (ETag and Last-Modified, as `@fastify/static`'s).
 */
import { relative } from 'node:path';
import flash from 'connect-flash';
import cookieSession from 'cookie-session';
import { csrfSync } from 'csrf-sync';
import express, { type Express } from 'express';
import Keygrip from 'keygrip';
import {
  csrfFieldHtml,
  FLASH_CATEGORY,
  FLASH_MESSAGE,
  type FlashMessage,
  PAGE_TEMPLATE,
  pageData,
  pageEta,
  TEMPLATES_DIR,
} from '../app/page-template.js';
import { FLASHED, PATHS } from '../app/payloads.js';
import {
  counterAnswer,
  countOf,
  SECRET_KEY,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
} from '../app/session.js';
import { STATIC_DIR, STATIC_URL_PREFIX } from '../app/static-file.js';

const session = cookieSession({
  name: SESSION_COOKIE,
  keys: new Keygrip([SECRET_KEY], 'sha256'),
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  maxAge: SESSION_MAX_AGE_SECONDS * 1000,
});
const { generateToken } = csrfSync();
const eta = pageEta();

/**
 * Registers the session, page and static routes on `app`.
 *
 * @example
 * ```ts
 * registerSmallApp(app);
 * ```
 */
export function registerSmallApp(app: Express): void {
  // Express hands over the template's absolute path; eta resolves names within its views folder.
  app.engine('eta', (path, options, callback) => {
    try {
      callback(null, eta.render(relative(TEMPLATES_DIR, path), options as object));
    } catch (error) {
      callback(error);
    }
  });
  app.set('views', TEMPLATES_DIR);
  app.set('view engine', 'eta');

  app.get(PATHS.session, session, (req, res) => {
    const count = countOf(req.session) + 1;
    req.session = { count };
    res.json(counterAnswer(count));
  });

  app.get(PATHS.flash, session, flash(), (req, res) => {
    req.flash(FLASH_CATEGORY, FLASH_MESSAGE);
    generateToken(req);
    res.type('text/plain').send(FLASHED);
  });
  app.get(PATHS.page, session, flash(), (req, res) => {
    const flashes = (): FlashMessage[] =>
      Object.entries(req.flash()).flatMap(([category, messages]) =>
        messages.map((message) => ({ category, message })),
      );
    res.render(PAGE_TEMPLATE, pageData(flashes, csrfFieldHtml(generateToken(req))));
  });

  app.use(STATIC_URL_PREFIX, express.static(STATIC_DIR));
}
