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
 *
 * @example
 * ```ts
 * await signValue('eyJ9', 'flagon.session', { current: 's3cret', fallbacks: [] }); // 'eyJ9.t5k3xq.Xy…'
 * ```
 */
export async function signValue(
  payload: string,
  purpose: string,
  keys: SigningKeys,
  now: number = nowInSeconds(),
): Promise<string> {
  const signed = `${payload}.${now.toString(36)}`;
  return `${signed}.${await hmacSign(keys.current, `${purpose}.${signed}`)}`;
}

/**
 * The payload of a value {@link signValue} made, when a key (the current one or a fallback) signed it
 * for `purpose` less than `maxAge` seconds ago; else why not.
 *
 * @example
 * ```ts
 * const checked = await verifyValue(cookie, 'flagon.session', keys, 31 * 86400);
 * if (!('refused' in checked)) use(checked.payload);
 * ```
 */
export async function verifyValue(
  value: string,
  purpose: string,
  keys: SigningKeys,
  maxAge: number,
  now: number = nowInSeconds(),
): Promise<VerifiedValue | RefusedValue> {
  const last = value.lastIndexOf('.');
  const middle = value.lastIndexOf('.', last - 1);
  if (middle <= 0) return { refused: 'malformed' };
  const signed = value.slice(0, last);
  const signature = value.slice(last + 1);
  const message = `${purpose}.${signed}`;
  let byFallback = false;
  if (!(await hmacVerify(keys.current, message, signature))) {
    byFallback = true;
    let verified = false;
    for (const key of keys.fallbacks) {
      if (await hmacVerify(key, message, signature)) {
        verified = true;
        break;
      }
    }
    if (!verified) return { refused: 'bad signature' };
  }
  // Read only once signed: an unsigned timestamp is the attacker's word.
  const issuedAt = Number.parseInt(value.slice(middle + 1, last), 36);
  if (!Number.isSafeInteger(issuedAt) || now - issuedAt >= maxAge || issuedAt > now + 60)
    return { refused: 'expired' };
  return { payload: value.slice(0, middle), issuedAt, byFallback };
}

function nowInSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
