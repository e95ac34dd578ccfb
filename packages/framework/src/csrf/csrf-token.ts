import { fromBase64Url, randomToken, toBase64Url } from '../sessions/base64url.js';
import { constantTimeEqual } from '../sessions/constant-time.js';
import { randomBytes } from '../sessions/random-bytes.js';

/** The size of a session's CSRF secret: 256 random bits. */
const SECRET_BYTES = 32;

/**
 * A new CSRF secret for a session.
 *
 * @example
 * ```ts
 * newCsrfSecret(); // 43 base64url characters
 * ```
 */
export function newCsrfSecret(): string {
  return randomToken(SECRET_BYTES);
}

/**
 * The session's CSRF secret as a token to put in a page, masked with fresh random bytes (`mask` then
 * `mask XOR secret`): each page carries a different token, so a compressed response (BREACH) never
 * repeats the secret an attacker could guess byte by byte.
 *
 * @example
 * ```ts
 * maskCsrfSecret(secret) !== maskCsrfSecret(secret); // true, and both verify
 * ```
 */
export function maskCsrfSecret(secret: string): string {
  const bytes = fromBase64Url(secret);
  if (bytes === undefined || bytes.length !== SECRET_BYTES)
    throw new Error('Invalid CSRF secret in the session');
  const masked = new Uint8Array(SECRET_BYTES * 2);
  masked.set(randomBytes(SECRET_BYTES));
  for (let i = 0; i < SECRET_BYTES; i++) masked[SECRET_BYTES + i] = masked[i]! ^ bytes[i]!;
  return toBase64Url(masked);
}

/**
 * True when `token` (as submitted) is a masking of `secret`, compared in constant time.
 *
 * @example
 * ```ts
 * csrfTokenMatches(secret, maskCsrfSecret(secret)); // true
 * ```
 */
export function csrfTokenMatches(secret: string, token: string): boolean {
  const masked = fromBase64Url(token);
  if (masked === undefined || masked.length !== SECRET_BYTES * 2) return false;
  const unmasked = new Uint8Array(SECRET_BYTES);
  for (let i = 0; i < SECRET_BYTES; i++) unmasked[i] = masked[i]! ^ masked[SECRET_BYTES + i]!;
  return constantTimeEqual(toBase64Url(unmasked), secret);
}
