import { hmacSign, hmacVerify } from './hmac.js';

/** What a signed value held, once its signature and age were checked. */
export interface VerifiedValue {
  readonly payload: string;
  /** When it was signed, in seconds since the epoch. */
  readonly issuedAt: number;
  /** Signed by a fallback key (`SECRET_KEY_FALLBACKS`), not the current one: worth signing again. */
  readonly byFallback: boolean;
}

/** Why a signed value was refused: logged at debug level, never shown to the client. */
export type RefusedValue = { readonly refused: 'malformed' | 'bad signature' | 'expired' };

/** The keys a value is signed and verified with: `current` signs, every one of them verifies. */
export interface SigningKeys {
  readonly current: string;
  readonly fallbacks: readonly string[];
}

/**
 * `payload` signed with the current key for `purpose`, with the time it was signed:
 * `payload.issuedAt.signature` (issuedAt in base 36 seconds, the signature base64url). The purpose is
 * signed too, so a value made for one use (a session id) is never accepted for another (a session).
 * Synchronous where the HMAC is (node:crypto); a promise through Web Crypto.
 *
 * @example
 * ```ts
 * await signValue('eyJ9', 'flagon.session', { current: 's3cret', fallbacks: [] }); // 'eyJ9.t5k3xq.Xy…'
 * ```
 */
export function signValue(
  payload: string,
  purpose: string,
  keys: SigningKeys,
  now: number = nowInSeconds(),
): string | Promise<string> {
  const signed = `${payload}.${base36Seconds(now)}`;
  const signature = hmacSign(keys.current, `${purpose}.${signed}`);
  return typeof signature === 'string'
    ? `${signed}.${signature}`
    : signature.then((text) => `${signed}.${text}`);
}

/**
 * The payload of a value {@link signValue} made, when a key (the current one or a fallback) signed it
 * for `purpose` less than `maxAge` seconds ago; else why not. Synchronous where the HMAC is
 * (node:crypto); a promise through Web Crypto.
 *
 * @example
 * ```ts
 * const checked = await verifyValue(cookie, 'flagon.session', keys, 31 * 86400);
 * if (!('refused' in checked)) use(checked.payload);
 * ```
 */
export function verifyValue(
  value: string,
  purpose: string,
  keys: SigningKeys,
  maxAge: number,
  now: number = nowInSeconds(),
): CheckedValue | Promise<CheckedValue> {
  const last = value.lastIndexOf('.');
  const middle = value.lastIndexOf('.', last - 1);
  if (middle <= 0) return MALFORMED;
  const message = `${purpose}.${value.slice(0, last)}`;
  const found = verifyingKey(keys, message, value.slice(last + 1), 0);
  return typeof found === 'number'
    ? checkedValue(value, middle, last, found, maxAge, now)
    : found.then((index) => checkedValue(value, middle, last, index, maxAge, now));
}

/** What {@link verifyValue} gives: the value's payload, or why it was refused. */
export type CheckedValue = VerifiedValue | RefusedValue;

const MALFORMED: RefusedValue = Object.freeze({ refused: 'malformed' });
const BAD_SIGNATURE: RefusedValue = Object.freeze({ refused: 'bad signature' });
const EXPIRED: RefusedValue = Object.freeze({ refused: 'expired' });

/**
 * The index of the key that signed `message` (0 the current one, then the fallbacks in order), or -1;
 * tried from `from`, synchronously until a check answers with a promise.
 */
function verifyingKey(
  keys: SigningKeys,
  message: string,
  signature: string,
  from: number,
): number | Promise<number> {
  const count = keys.fallbacks.length + 1;
  for (let index = from; index < count; index++) {
    const key = index === 0 ? keys.current : keys.fallbacks[index - 1]!;
    const verified = hmacVerify(key, message, signature);
    if (verified === true) return index;
    if (verified !== false)
      return verified.then((ok) => (ok ? index : verifyingKey(keys, message, signature, index + 1)));
  }
  return -1;
}

function checkedValue(
  value: string,
  middle: number,
  last: number,
  keyIndex: number,
  maxAge: number,
  now: number,
): CheckedValue {
  if (keyIndex < 0) return BAD_SIGNATURE;
  // Read only once signed: an unsigned timestamp is the attacker's word.
  const issuedAt = parseBase36(value, middle + 1, last);
  if (Number.isNaN(issuedAt) || now - issuedAt >= maxAge || issuedAt > now + 60) return EXPIRED;
  return { payload: value.slice(0, middle), issuedAt, byFallback: keyIndex > 0 };
}

let lastSecond = -1;
let lastSecondText = '';

/** `seconds` in base 36, as {@link signValue} writes it; the text kept while the second lasts. */
function base36Seconds(seconds: number): string {
  if (seconds !== lastSecond) {
    lastSecondText = seconds.toString(36);
    lastSecond = seconds;
  }
  return lastSecondText;
}

/**
 * The base-36 number (digits and lowercase letters, as `toString(36)` writes) in `text` from `start` to
 * `end`, or NaN: empty, another character, or over ten digits (past the safe integers).
 */
function parseBase36(text: string, start: number, end: number): number {
  if (end <= start || end - start > 10) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 122 ? code - 87 : -1;
    if (digit < 0) return Number.NaN;
    value = value * 36 + digit;
  }
  return value;
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
