import { signedBase64UrlToText } from './base64url.js';
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
import type { CheckedValue, VerifiedValue } from './signed-value.js';
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
 * a request feature's `open` answers the request only when it returns a value. Synchronous for a
 * cookie session where the HMAC is (node:crypto); a promise through Web Crypto or a session store.
 *
 * @example
 * ```ts
 * await loadSession(c, c.request.cookies.session, settings);
 * ```
 */
export function loadSession(
  c: SessionHolder,
  value: string | undefined,
  settings: SessionSettings,
): void | Promise<void> {
  const config = c.app.config as SessionConfig;
  const secret = config.SECRET_KEY;
  if (value === undefined || secret === undefined) return;
  if (cookieSize(config.SESSION_COOKIE_NAME, value) > MAX_COOKIE_SIZE)
    return refuse(c, `over ${MAX_COOKIE_SIZE} bytes`);
  const purpose = settings.store === undefined ? COOKIE_SESSION_PURPOSE : STORED_SESSION_PURPOSE;
  const keys = { current: secret, fallbacks: config.SECRET_KEY_FALLBACKS };
  const verified = verifyValue(value, purpose, keys, config.SESSION_MAX_AGE);
  return verified instanceof Promise
    ? verified.then((checked) => openVerified(c, checked, settings))
    : openVerified(c, verified, settings);
}

function openVerified(
  c: SessionHolder,
  verified: CheckedValue,
  settings: SessionSettings,
): void | Promise<void> {
  if ('refused' in verified) return refuse(c, verified.refused);
  if (settings.store !== undefined) return openStored(c, verified, settings.store, settings.schema);
  const record = decodeRecord(verified.payload);
  if (record === undefined) return refuse(c, 'not a session record');
  openRecord(c, record, undefined, verified.byFallback, settings.schema);
}

async function openStored(
  c: SessionHolder,
  verified: VerifiedValue,
  store: SessionStore,
  schema: SessionSchema<object> | undefined,
): Promise<void> {
  const id = verified.payload;
  const record = toSessionRecord(await store.get(id));
  if (record === undefined) return refuse(c, 'no stored session under its id (expired or destroyed)');
  openRecord(c, record, id, verified.byFallback, schema);
}

function openRecord(
  c: SessionHolder,
  record: SessionRecord,
  id: string | undefined,
  resign: boolean,
  schema: SessionSchema<object> | undefined,
): void {
  if (schema !== undefined && !fitsSessionSchema(schema, record.d))
    refuse(c, 'its values do not fit the session schema');
  else c.sessionSlot = new Session(record, { hadCookie: true, id, resign });
}

/** The cookie is ignored: an empty session (whose clearing deletes the cookie), and a debug line why. */
function refuse(c: SessionHolder, why: string): void {
  const name = (c.app.config as SessionConfig).SESSION_COOKIE_NAME;
  c.app.logger.debug(`session cookie "${name}" ignored: ${why}; the session starts empty`);
  c.sessionSlot = new Session(undefined, { hadCookie: true, id: undefined, resign: false });
}

// Called only once the payload's signature checked out.
function decodeRecord(payload: string): SessionRecord | undefined {
  const text = signedBase64UrlToText(payload);
  if (text === undefined) return undefined;
  try {
    return toSessionRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}
