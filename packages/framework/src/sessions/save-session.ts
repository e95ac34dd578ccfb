import type { CookieAttributeTexts, CookieOptions } from '../http/cookies.js';
import { checkCookie, cookieAttributeTexts } from '../http/cookies.js';
import { headerPair } from '../http/response-headers.js';
import type { Response } from '../response.js';
import { randomToken, textToBase64Url } from './base64url.js';
import type { SessionSettings } from './load-session.js';
import type { SessionHolder } from './request-session.js';
import type { Session } from './session.js';
import type { SessionConfig } from './session-config.js';
import { signingKeys } from './session-config.js';
import {
  COOKIE_SESSION_PURPOSE,
  cookieSize,
  MAX_COOKIE_SIZE,
  STORED_SESSION_PURPOSE,
} from './session-cookie.js';
import type { SessionStore } from './session-store.js';
import { signValue } from './signed-value.js';

/**
 * Saves the request's session on `response`, after the `after` hooks: `Vary: Cookie` when the session
 * was used; a new signed cookie only when it changed (or was signed by a fallback key); the cookie
 * deleted (and the stored record destroyed) when it was emptied. An untouched session costs nothing.
 * A cookie over {@link MAX_COOKIE_SIZE} bytes throws, since browsers would drop it without a word.
 * Synchronous for a cookie session where the HMAC is (node:crypto); a promise through Web Crypto or a
 * session store.
 *
 * @example
 * ```ts
 * await saveSession(c, response, settings);
 * ```
 */
export function saveSession(
  c: SessionHolder & { readonly scope: { readonly scheme: string } },
  response: Response,
  settings: SessionSettings,
): void | Promise<void> {
  const session = c.sessionSlot;
  if (session === undefined) return;
  if (session.accessed) varyByCookie(response);
  if (!session.modified && !session.origin.resign) return;
  const config = c.app.config as SessionConfig;
  if (settings.store !== undefined) return saveStored(session, response, config, settings.store);
  if (session.empty) {
    if (session.origin.hadCookie) response.deleteCookie(config.SESSION_COOKIE_NAME, cookieAttributes(config));
    return;
  }
  const payload = textToBase64Url(JSON.stringify(session.toRecord()));
  const value = signValue(payload, COOKIE_SESSION_PURPOSE, signingKeys(config));
  if (typeof value === 'string') return writeSessionCookie(response, config, value);
  return value.then((signed) => writeSessionCookie(response, config, signed));
}

/** A server-side session: its record saved (or destroyed) in the store, its signed id in the cookie. */
async function saveStored(
  session: Session,
  response: Response,
  config: SessionConfig,
  store: SessionStore,
): Promise<void> {
  const oldId = session.origin.id;
  if (session.empty) {
    if (oldId !== undefined) await store.destroy(oldId);
    if (session.origin.hadCookie) response.deleteCookie(config.SESSION_COOKIE_NAME, cookieAttributes(config));
    return;
  }
  const keys = signingKeys(config);
  const id = await storedId(session, oldId, store);
  await store.set(id, session.toRecord(), config.SESSION_MAX_AGE);
  writeSessionCookie(response, config, await signValue(id, STORED_SESSION_PURPOSE, keys));
}

function writeSessionCookie(response: Response, config: SessionConfig, value: string): void {
  const name = config.SESSION_COOKIE_NAME;
  const size = cookieSize(name, value);
  if (size > MAX_COOKIE_SIZE) {
    throw new Error(
      `The session cookie would be ${size} bytes, over the ${MAX_COOKIE_SIZE} browsers keep (they would drop it): ` +
        'keep less in the session, or keep sessions on the server (new Flagon({ sessionStore }))',
    );
  }
  // The value is base64url and dots: nothing in it to check or encode, and the rest was checked (and its
  // text made) with the config.
  const { options, attributes } = sessionCookieOptions(config);
  response.setCheckedCookie({ name, value, options, attributes });
}

/** The session cookie's options for one state of an app's config, checked when it was made. */
interface CheckedOptions {
  readonly name: string;
  readonly secure: boolean | undefined;
  readonly maxAge: number;
  readonly options: CookieOptions;
  readonly attributes: CookieAttributeTexts;
}

const checkedOptions = new WeakMap<SessionConfig, CheckedOptions>();

/** The session cookie's options and their text, made and checked once per config state rather than per response. */
function sessionCookieOptions(config: SessionConfig): CheckedOptions {
  const name = config.SESSION_COOKIE_NAME;
  const secure = config.SESSION_COOKIE_SECURE;
  const maxAge = config.SESSION_MAX_AGE;
  const cached = checkedOptions.get(config);
  if (cached !== undefined && cached.name === name && cached.secure === secure && cached.maxAge === maxAge)
    return cached;
  const options = Object.freeze({ ...cookieAttributes(config), maxAge });
  checkCookie(name, '', options);
  const checked = { name, secure, maxAge, options, attributes: cookieAttributeTexts(options) };
  checkedOptions.set(config, checked);
  return checked;
}

/** The id to save under: the session's own, or a new one for a new or cleared session (no fixation). */
async function storedId(session: Session, oldId: string | undefined, store: SessionStore): Promise<string> {
  if (oldId !== undefined && !session.renewed) return oldId;
  if (oldId !== undefined) await store.destroy(oldId);
  return randomToken(32);
}

function cookieAttributes(config: SessionConfig) {
  return { path: '/', httpOnly: true, sameSite: 'Lax', secure: config.SESSION_COOKIE_SECURE } as const;
}

// A cache must not hand one browser's session-dependent page to another.
function varyByCookie(response: Response): void {
  const vary = response.headers.get('vary');
  if (vary !== null && /(^|,)\s*(cookie|\*)\s*(,|$)/i.test(vary)) return;
  // A valid lowercase pair as it stands: straight onto the list, without append's checks.
  response.headers.list.push(headerPair('vary', 'Cookie'));
}
