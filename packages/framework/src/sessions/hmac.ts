import { toBase64Url } from './base64url.js';
import { constantTimeEqual } from './constant-time.js';

// HMAC-SHA256 through Web Crypto, which Node, Bun, Deno and browsers all have, with a synchronous fast
// path through node:crypto where the runtime offers it (Node, Bun, Deno) by `process.getBuiltinModule`:
// Node runs each subtle.sign/verify as a thread-pool job, measured at ~100 µs a signature under load,
// against ~2 µs for createHmac. Never a static node:crypto import: the framework must load anywhere.

/** The part of node:crypto used here. */
interface NodeCrypto {
  createSecretKey(key: Uint8Array): object;
  createHmac(
    algorithm: 'sha256',
    key: object,
  ): { update(data: string): { digest(encoding: 'base64url'): string } };
}

const runtimeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
const nodeCrypto = runtimeProcess?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
// Taken off the module once: node:crypto's exports are a dictionary-mode object, slow to read per call.
const createHmac = nodeCrypto?.createHmac;
const createSecretKey = nodeCrypto?.createSecretKey;

const encoder = new TextEncoder();
/** Each secret's key, imported once: importing costs more than a signature. */
const webKeys = new Map<string, Promise<CryptoKey>>();
const nodeKeys = new Map<string, object>();

let useNodeCrypto = nodeCrypto !== undefined;

/**
 * @internal Chooses the HMAC implementation (tests and measurements): node:crypto when available and
 * `preferNode`, else Web Crypto. Returns whether node:crypto is now used.
 *
 * @example
 * ```ts
 * useNodeHmac(false); // Web Crypto only, as on a runtime without node:crypto
 * ```
 */
export function useNodeHmac(preferNode: boolean): boolean {
  useNodeCrypto = preferNode && nodeCrypto !== undefined;
  return useNodeCrypto;
}

function webKey(secret: string): Promise<CryptoKey> {
  let key = webKeys.get(secret);
  if (key === undefined) {
    key = globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    webKeys.set(secret, key);
  }
  return key;
}

function nodeHmac(secret: string, message: string) {
  let key = nodeKeys.get(secret);
  if (key === undefined) {
    key = createSecretKey!(encoder.encode(secret));
    nodeKeys.set(secret, key);
  }
  return createHmac!('sha256', key).update(message);
}

/**
 * The HMAC-SHA256 of `message` under `secret`, as base64url (synchronously with node:crypto).
 *
 * @example
 * ```ts
 * await hmacSign('s3cret', 'flagon.session.eyJ9.k2x'); // 43 base64url characters
 * ```
 */
export function hmacSign(secret: string, message: string): string | Promise<string> {
  if (useNodeCrypto) return nodeHmac(secret, message).digest('base64url');
  return webKey(secret)
    .then((key) => globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(message)))
    .then((signature) => toBase64Url(new Uint8Array(signature)));
}

/** The length of an HMAC-SHA256 (32 bytes) as unpadded base64url. */
const SIGNATURE_LENGTH = 43;

/**
 * True when `signature` (base64url) is the HMAC-SHA256 of `message` under `secret`: the expected
 * signature's text, compared with {@link constantTimeEqual}, so the time taken does not say how much of
 * a forgery was right. Text against text: decoding the signature to compare bytes cost ~1.5 us a request
 * more, and only the canonical spelling (what {@link hmacSign} writes) is accepted, on every runtime.
 *
 * @example
 * ```ts
 * await hmacVerify('s3cret', message, await hmacSign('s3cret', message)); // true
 * ```
 */
export function hmacVerify(secret: string, message: string, signature: string): boolean | Promise<boolean> {
  if (signature.length !== SIGNATURE_LENGTH) return false;
  const expected = hmacSign(secret, message);
  return typeof expected === 'string'
    ? constantTimeEqual(expected, signature)
    : expected.then((text) => constantTimeEqual(text, signature));
}
