import { utf8Text } from '../http/utf8.js';
import { randomBytes } from './random-bytes.js';

// Base64url (RFC 4648 §5, no padding) for signed cookies and tokens, on any runtime: Node's and Bun's
// Buffer when there is one (native and fast), else btoa/atob, which every runtime has.

interface BufferLike {
  from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string };
  from(
    buffer: ArrayBufferLike,
    offset: number,
    length: number,
  ): Uint8Array & { toString(encoding: string): string };
}

const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * `bytes` as unpadded base64url text.
 *
 * @example
 * ```ts
 * toBase64Url(new Uint8Array([251, 255])); // '-_8'
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  // A view of the same memory, not a copy.
  if (NodeBuffer !== undefined)
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The bytes of unpadded base64url `text`, or `undefined` when it is not base64url (a tampered cookie).
 *
 * @example
 * ```ts
 * fromBase64Url('-_8'); // Uint8Array [251, 255]
 * fromBase64Url('a+b'); // undefined
 * ```
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  // A length of 1 mod 4 encodes no whole byte; Buffer would silently drop it.
  if (text.length % 4 === 1 || !BASE64URL.test(text)) return undefined;
  // The Buffer itself (a Uint8Array): copying it into a plain one bought nothing.
  if (NodeBuffer !== undefined) return NodeBuffer.from(text, 'base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * `text` (any string) as base64url of its UTF-8 bytes.
 *
 * @example
 * ```ts
 * textToBase64Url('{"a":1}'); // 'eyJhIjoxfQ'
 * ```
 */
export function textToBase64Url(text: string): string {
  if (NodeBuffer !== undefined) return NodeBuffer.from(text, 'utf8').toString('base64url');
  return toBase64Url(new TextEncoder().encode(text));
}

/**
 * The UTF-8 text base64url `encoded` holds, or `undefined` when it is not base64url or not UTF-8.
 *
 * @example
 * ```ts
 * base64UrlToText('eyJhIjoxfQ'); // '{"a":1}'
 * ```
 */
export function base64UrlToText(encoded: string): string | undefined {
  const bytes = fromBase64Url(encoded);
  return bytes === undefined ? undefined : utf8Text(bytes);
}

/**
 * The UTF-8 text of base64url `encoded` that this app wrote and signed itself (a session cookie's
 * payload once its signature checked out): well-formed by construction, so on Node it is decoded without
 * the checks {@link base64UrlToText} makes for text from anywhere (~0.25 us a request).
 *
 * @example
 * ```ts
 * signedBase64UrlToText('eyJhIjoxfQ'); // '{"a":1}'
 * ```
 */
export function signedBase64UrlToText(encoded: string): string | undefined {
  if (NodeBuffer === undefined) return base64UrlToText(encoded);
  return NodeBuffer.from(encoded, 'base64url').toString('utf8');
}

/**
 * `size` random bytes from the platform's CSPRNG, as base64url (session ids, CSRF secrets).
 *
 * @example
 * ```ts
 * randomToken(32); // 43 characters
 * ```
 */
export function randomToken(size: number): string {
  return toBase64Url(randomBytes(size));
}
