import type { Config } from '../config.js';
import { defineChecked, toBoolean } from '../config.js';
import type { SigningKeys } from './signed-value.js';

/** Flask's default: a session lasts 31 days from when it was last saved. */
export const DEFAULT_SESSION_MAX_AGE = 31 * 24 * 60 * 60;

/** The settings of sessions and CSRF protection, part of every app's config. */
export interface SessionConfig {
  /**
   * The key sessions are signed with: a long random string, kept secret (from the environment, never in
   * the code). No default: the first use of a session without one throws. Setting it turns sessions and
   * CSRF protection on.
   */
  SECRET_KEY: string | undefined;
  /** Older keys, still accepted on incoming cookies (which are then signed again with `SECRET_KEY`). Default `[]`. */
  SECRET_KEY_FALLBACKS: readonly string[];
  /** The session cookie's name. Default `'session'`. */
  SESSION_COOKIE_NAME: string;
  /** How long a session lasts after it was last saved, in seconds (the cookie's `Max-Age`). Default 31 days. */
  SESSION_MAX_AGE: number;
  /** `true`/`false` forces the cookie's `Secure` flag; unset (the default), it is set when the request came over https. */
  SESSION_COOKIE_SECURE: boolean | undefined;
  /** Origins (`https://app.example`) besides the request's own that may post to the app. Default `[]`. */
  CSRF_TRUSTED_ORIGINS: readonly string[];
}

// RFC 6265 §4.1.1: a cookie name is an RFC 7230 token.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Adds the session settings to `config`, each checked on every assignment; `onSecretKey` runs when a
 * `SECRET_KEY` is set (the app then turns its sessions on).
 *
 * @example
 * ```ts
 * defineSessionConfig(config, () => installSessions(app));
 * ```
 */
export function defineSessionConfig(config: Config, onSecretKey: () => void): void {
  defineChecked<string | undefined>(config, 'SECRET_KEY', undefined, (name, value) => {
    if (value === undefined) return undefined;
    // Only the type in the message: a secret set by mistake must not end up in a log.
    if (typeof value !== 'string' || value === '')
      throw new TypeError(
        `${name} must be a non-empty string (a long random one), got ${value === '' ? '""' : typeof value}`,
      );
    onSecretKey();
    return value;
  });
  defineChecked<readonly string[]>(config, 'SECRET_KEY_FALLBACKS', [], toStringList);
  defineChecked(config, 'SESSION_COOKIE_NAME', 'session', (name, value) => {
    if (typeof value !== 'string' || !COOKIE_NAME.test(value))
      throw new TypeError(
        `${name} must be a cookie name (letters, digits, !#$%&'*+-.^_\`|~), got ${describe(value)}`,
      );
    return value;
  });
  defineChecked(config, 'SESSION_MAX_AGE', DEFAULT_SESSION_MAX_AGE, (name, value) => {
    const seconds = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds) || seconds <= 0)
      throw new TypeError(`${name} must be a positive whole number of seconds, got ${describe(value)}`);
    return seconds;
  });
  defineChecked<boolean | undefined>(config, 'SESSION_COOKIE_SECURE', undefined, (name, value) =>
    value === undefined ? undefined : toBoolean(name, value),
  );
  defineChecked<readonly string[]>(config, 'CSRF_TRUSTED_ORIGINS', [], (name, value) =>
    toStringList(name, value).map((origin) => toOrigin(name, origin)),
  );
}

/**
 * The keys to sign and verify with, from the app's config; throws the error a user sees when they use
 * a session in an app without a `SECRET_KEY`.
 *
 * @example
 * ```ts
 * signingKeys(app.config); // { current: '...', fallbacks: [] }
 * ```
 */
export function signingKeys(config: SessionConfig): SigningKeys {
  const current = config.SECRET_KEY;
  if (current === undefined) {
    throw new Error(
      'Sessions need a SECRET_KEY: set app.config.SECRET_KEY to a long random string kept out of the code ' +
        "(e.g. new Flagon({ config: { SECRET_KEY: process.env.SECRET_KEY } })); generate one with: node -p \"require('node:crypto').randomBytes(32).toString('hex')\"",
    );
  }
  return { current, fallbacks: config.SECRET_KEY_FALLBACKS };
}

// A list from code, or from the environment as a JSON array (`'["old-key"]'`).
function toStringList(name: string, value: unknown): readonly string[] {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      list = undefined;
    }
  }
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string' && item !== ''))
    throw new TypeError(`${name} must be a list of non-empty strings (a JSON array from the environment)`);
  return Object.freeze([...list]);
}

function toOrigin(name: string, text: string): string {
  let origin: string | undefined;
  try {
    origin = new URL(text).origin;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === 'null')
    throw new TypeError(`${name}: ${JSON.stringify(text)} is not an origin such as https://app.example`);
  return origin;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
}
