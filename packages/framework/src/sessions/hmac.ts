import { fromBase64Url, toBase64Url } from './base64url.js';

// HMAC-SHA256 through Web Crypto, which Node, Bun, Deno and browsers all have: no node:crypto import,
// so the framework loads on any runtime.

const encoder = new TextEncoder();
/** Each secret's CryptoKey, imported once: importKey costs more than a signature. */
const importedKeys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = importedKeys.get(secret);
  if (key === undefined) {
    key = globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    importedKeys.set(secret, key);
  }
  return key;
}

/**
 * The HMAC-SHA256 of `message` under `secret`, as base64url.
 *
 * @example
 * ```ts
 * await hmacSign('s3cret', 'flagon.session.eyJ9.k2x'); // 43 base64url characters
 * ```
 */
export async function hmacSign(secret: string, message: string): Promise<string> {
  const signature = await globalThis.crypto.subtle.sign(
    'HMAC',
    await keyFor(secret),
    encoder.encode(message),
  );
  return toBase64Url(new Uint8Array(signature));
}

/**
 * True when `signature` (base64url) is the HMAC-SHA256 of `message` under `secret`. Web Crypto's
 * `verify` compares in constant time, so the time taken does not say how much of a forgery was right.
 *
 * @example
 * ```ts
 * await hmacVerify('s3cret', message, await hmacSign('s3cret', message)); // true
 * ```
 */
export async function hmacVerify(secret: string, message: string, signature: string): Promise<boolean> {
  const bytes = fromBase64Url(signature);
  if (bytes === undefined) return false;
  return globalThis.crypto.subtle.verify(
    'HMAC',
    await keyFor(secret),
    bytes as Uint8Array<ArrayBuffer>,
    encoder.encode(message),
  );
}
