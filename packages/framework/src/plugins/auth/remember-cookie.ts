import type { Response } from '../../response.js';
import type { SessionConfig } from '../../sessions/session-config.js';
import { signingKeys } from '../../sessions/session-config.js';
import { signValue, verifyValue } from '../../sessions/signed-value.js';

/** What the remember-me cookie is signed for, so no other signed value can stand in for it. */
const REMEMBER_PURPOSE = 'flagon.remember';

/** The remember-me cookie's settings. */
export interface RememberSettings {
  /** The cookie's name. Default `'remember_token'`. */
  readonly cookieName: string;
  /** How long the cookie keeps a browser logged in, in seconds. Default 365 days (Flask-Login's). */
  readonly maxAge: number;
}

/**
 * Sets the remember-me cookie for `userId` on `response`: signed with the app's `SECRET_KEY`, HttpOnly,
 * SameSite=Lax, Secure on https (the response's cookie defaults).
 *
 * @example
 * ```ts
 * await setRememberCookie(response, '42', app.config, { cookieName: 'remember_token', maxAge: 86400 });
 * ```
 */
export async function setRememberCookie(
  response: Response,
  userId: string,
  config: SessionConfig,
  settings: RememberSettings,
): Promise<void> {
  const value = await signValue(encodeURIComponent(userId), REMEMBER_PURPOSE, signingKeys(config));
  response.setCookie(settings.cookieName, value, { maxAge: settings.maxAge });
}

/**
 * The user id a remember-me cookie holds, or `undefined` when it is missing, tampered with or expired.
 *
 * @example
 * ```ts
 * const id = await rememberedUserId(c.request.cookies.remember_token, app.config, settings);
 * ```
 */
export async function rememberedUserId(
  cookie: string | undefined,
  config: SessionConfig,
  settings: RememberSettings,
): Promise<string | undefined> {
  if (cookie === undefined || cookie === '') return undefined;
  const verified = await verifyValue(cookie, REMEMBER_PURPOSE, signingKeys(config), settings.maxAge);
  if ('refused' in verified) return undefined;
  try {
    return decodeURIComponent(verified.payload);
  } catch {
    return undefined;
  }
}
