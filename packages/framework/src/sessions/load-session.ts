import { base64UrlToText } from './base64url.js';
import type { SessionHolder } from './request-session.js';
import { Session } from './session.js';
import type { SessionConfig } from './session-config.js';
import {
  COOKIE_SESSION_PURPOSE,
  cookieSize,
  MAX_COOKIE_SIZE,
  STORED_SESSION_PURPOSE,
} from './session-cookie.js';
import type { SessionRecord } from './session-record.js';
import { toSessionRecord } from './session-record.js';
import type { SessionSchema } from './session-schema.js';
import { fitsSessionSchema } from './session-schema.js';
import type { SessionStore } from './session-store.js';
import { verifyValue } from './signed-value.js';

/** Where sessions are kept and what they must hold: the app's session options. */
export interface SessionSettings {
  readonly store: SessionStore | undefined;
  readonly schema: SessionSchema<object> | undefined;
}

/**
 * Loads the session of a request from its session cookie's `value` (if it sent one), into
 * `c.sessionSlot`. A cookie that is oversized, tampered with, truncated, expired, signed by an unknown
 * key or no longer fits the schema gives an empty session, and a debug line says why. Returns nothing:
 * a request feature's `open` answers the request only when it returns a value.
 *
 * @example
 * ```ts
 * await loadSession(c, c.request.cookies.session, settings);
 * ```
 */
export async function loadSession(
  c: SessionHolder,
  value: string | undefined,
  settings: SessionSettings,
): Promise<void> {
  const config = c.app.config as SessionConfig;
  const name = config.SESSION_COOKIE_NAME;
  const secret = config.SECRET_KEY;
  if (value === undefined || secret === undefined) return;
  const refuse = (why: string): void => {
    c.app.logger.debug(`session cookie "${name}" ignored: ${why}; the session starts empty`);
    c.sessionSlot = new Session(undefined, { hadCookie: true, id: undefined, resign: false });
  };
  if (cookieSize(name, value) > MAX_COOKIE_SIZE) return refuse(`over ${MAX_COOKIE_SIZE} bytes`);
  const purpose = settings.store === undefined ? COOKIE_SESSION_PURPOSE : STORED_SESSION_PURPOSE;
  const keys = { current: secret, fallbacks: config.SECRET_KEY_FALLBACKS };
  const verified = await verifyValue(value, purpose, keys, config.SESSION_MAX_AGE);
  if ('refused' in verified) return refuse(verified.refused);
  let record: SessionRecord | undefined;
  let id: string | undefined;
  if (settings.store === undefined) record = decodeRecord(verified.payload);
  else {
    id = verified.payload;
    record = toSessionRecord(await settings.store.get(id));
    if (record === undefined) return refuse('no stored session under its id (expired or destroyed)');
  }
  if (record === undefined) return refuse('not a session record');
  if (settings.schema !== undefined && !fitsSessionSchema(settings.schema, record.d))
    return refuse('its values do not fit the session schema');
  c.sessionSlot = new Session(record, { hadCookie: true, id, resign: verified.byFallback });
}

function decodeRecord(payload: string): SessionRecord | undefined {
  const text = base64UrlToText(payload);
  if (text === undefined) return undefined;
  try {
    return toSessionRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
