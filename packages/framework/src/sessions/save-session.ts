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
import { signValue } from './signed-value.js';

/**
 * Saves the request's session on `response`, after the `after` hooks: `Vary: Cookie` when the session
 * was used; a new signed cookie only when it changed (or was signed by a fallback key); the cookie
 * deleted (and the stored record destroyed) when it was emptied. An untouched session costs nothing.
 * A cookie over {@link MAX_COOKIE_SIZE} bytes throws, since browsers would drop it without a word.
 *
 * @example
 * ```ts
 * await saveSession(c, response, settings);
 * ```
 */
export async function saveSession(
  c: SessionHolder & { readonly scope: { readonly scheme: string } },
  response: Response,
  settings: SessionSettings,
): Promise<void> {
  const session = c.sessionSlot;
  if (session === undefined) return;
  if (session.accessed) varyByCookie(response);
  if (!session.modified && !session.origin.resign) return;
  const config = c.app.config as SessionConfig;
  const name = config.SESSION_COOKIE_NAME;
  const { store } = settings;
  const oldId = session.origin.id;
  if (session.empty) {
    if (store !== undefined && oldId !== undefined) await store.destroy(oldId);
    if (session.origin.hadCookie) response.deleteCookie(name, cookieAttributes(config));
    return;
  }
  const keys = signingKeys(config);
  let value: string;
  if (store === undefined) {
    const payload = textToBase64Url(JSON.stringify(session.toRecord()));
    value = await signValue(payload, COOKIE_SESSION_PURPOSE, keys);
  } else {
    const id = await storedId(session, oldId, store);
    await store.set(id, session.toRecord(), config.SESSION_MAX_AGE);
    value = await signValue(id, STORED_SESSION_PURPOSE, keys);
  }
  const size = cookieSize(name, value);
  if (size > MAX_COOKIE_SIZE) {
    throw new Error(
      `The session cookie would be ${size} bytes, over the ${MAX_COOKIE_SIZE} browsers keep (they would drop it): ` +
        'keep less in the session, or keep sessions on the server (new Flagon({ sessionStore }))',
    );
  }
  response.setCookie(name, value, { ...cookieAttributes(config), maxAge: config.SESSION_MAX_AGE });
}

/** The id to save under: the session's own, or a new one for a new or cleared session (no fixation). */
async function storedId(
  session: Session,
  oldId: string | undefined,
  store: NonNullable<SessionSettings['store']>,
): Promise<string> {
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
  response.headers.append('vary', 'Cookie');
}
