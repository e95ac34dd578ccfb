/**
 * Hono's side of the small-app scenarios (session, page, static). Hono has signed cookies
 * (`hono/cookie`'s `getSignedCookie`/`setSignedCookie`, HMAC-SHA256 through Web Crypto; on Bun see
 * `hono-signed-cookie.ts`) but no session,
 * flash or CSRF-token helper: the session is a JSON value in a signed cookie, the flash a list in it and
 * the CSRF token a random value kept in it, checked by hand, as a Hono user writes them. `hono/csrf`
 * (an Origin check on unsafe methods) guards the page's routes. Templates: eta directly. Static files:
 * `serveStatic` from `@hono/node-server/serve-static`.
 */
import { randomBytes } from 'node:crypto';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import {
  csrfFieldHtml,
  FLASH_CATEGORY,
  FLASH_MESSAGE,
  type FlashMessage,
  PAGE_TEMPLATE,
  pageData,
  pageEta,
} from '../app/page-template.js';
import { FLASHED, PATHS } from '../app/payloads.js';
import {
  counterAnswer,
  countOf,
  parseSession,
  SECRET_KEY,
  SESSION_COOKIE,
  SESSION_MAX_AGE_SECONDS,
} from '../app/session.js';
import { APP_DIR, STATIC_URL_PREFIX } from '../app/static-file.js';
import { type SignedCookies, webCryptoCookies } from './hono-signed-cookie.js';

const COOKIE_OPTIONS = {
  path: '/',
  httpOnly: true,
  sameSite: 'Lax',
  maxAge: SESSION_MAX_AGE_SECONDS,
} as const;

/** The page's session: flashed messages waiting to be shown, and the CSRF token. */
interface PageSession {
  flash?: FlashMessage[];
  csrf?: string;
}

/** The session in the request's signed cookie; empty when there is none or its signature is wrong. */
async function readSession(cookies: SignedCookies, c: Context): Promise<PageSession & { count?: number }> {
  const value = await cookies.read(c, SECRET_KEY, SESSION_COOKIE);
  return value === undefined ? {} : (parseSession(value) as PageSession);
}

function writeSession(cookies: SignedCookies, c: Context, session: object): Promise<void> {
  return cookies.write(c, SESSION_COOKIE, JSON.stringify(session), SECRET_KEY, COOKIE_OPTIONS);
}

/** The session's CSRF token, made when it has none (32 random bytes, as Flask-WTF's). */
function csrfToken(session: PageSession): string {
  session.csrf ??= randomBytes(32).toString('base64url');
  return session.csrf;
}

/**
 * Registers the session, page and static routes on `app`, its session cookie signed by `cookies`
 * (`hono/cookie`'s Web Crypto signing unless told otherwise: see `hono-signed-cookie.ts`).
 *
 * @example
 * ```ts
 * registerSmallApp(app);
 * ```
 */
export function registerSmallApp(app: Hono, cookies: SignedCookies = webCryptoCookies): void {
  app.get(PATHS.session, async (c) => {
    const count = countOf(await readSession(cookies, c)) + 1;
    await writeSession(cookies, c, { count });
    return c.json(counterAnswer(count));
  });

  app.use(PATHS.flash, csrf());
  app.get(PATHS.flash, async (c) => {
    const session = await readSession(cookies, c);
    session.flash = [...(session.flash ?? []), { category: FLASH_CATEGORY, message: FLASH_MESSAGE }];
    csrfToken(session);
    await writeSession(cookies, c, session);
    return c.text(FLASHED);
  });

  app.use(PATHS.page, csrf());
  app.get(PATHS.page, async (c) => {
    const session = await readSession(cookies, c);
    const hadToken = session.csrf !== undefined;
    const field = csrfFieldHtml(csrfToken(session));
    let changed = !hadToken;
    const flashes = (): FlashMessage[] => {
      const messages = session.flash ?? [];
      if (session.flash !== undefined) {
        delete session.flash;
        changed = true;
      }
      return messages;
    };
    const html = eta.render(PAGE_TEMPLATE, pageData(flashes, field));
    if (changed) await writeSession(cookies, c, session);
    return c.html(html);
  });

  app.use(`${STATIC_URL_PREFIX}*`, serveStatic({ root: APP_DIR }));
}

const eta = pageEta();
