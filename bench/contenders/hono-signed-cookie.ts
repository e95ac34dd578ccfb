/**
 * How Hono's contenders sign their session cookie. On Node: `hono/cookie`'s `getSignedCookie` and
 * `setSignedCookie`, as Hono's docs show (HMAC-SHA256 through Web Crypto). On Bun that cannot be
 * measured: Web Crypto's HMAC completes on a thread pool, so the response waits for a later turn of
 * the event loop, and `Bun.serve` (1.4.4 and 1.4.5) closes a keep-alive connection on which a
 * pipelined request arrives while such a response is pending (both responses lost; oven-sh/bun#38128,
 * open, would hold the request instead). Under the bench's pipelined load that left no response at all.
 * So `Bun.serve`'s Hono signs the same cookie (the same `value.signature` format) with `node:crypto`'s
 * synchronous HMAC, as Flagon's sessions do wherever `node:crypto` exists.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/** Reads and writes one signed cookie: its value when the signature holds, else `undefined`. */
export interface SignedCookies {
  read(c: Context, secret: string, name: string): Promise<string | undefined>;
  write(c: Context, name: string, value: string, secret: string, options: CookieOptions): Promise<void>;
}

/** `hono/cookie`'s signed cookies, through Web Crypto. */
export const webCryptoCookies: SignedCookies = {
  async read(c, secret, name) {
    const value = await getSignedCookie(c, secret, name);
    return typeof value === 'string' ? value : undefined;
  },
  write: (c, name, value, secret, options) => setSignedCookie(c, name, value, secret, options),
};

/** The same cookies, signed and checked with `node:crypto`'s synchronous HMAC. */
export const syncHmacCookies: SignedCookies = {
  async read(c, secret, name) {
    const cookie = getCookie(c, name);
    const dot = cookie?.lastIndexOf('.') ?? -1;
    if (cookie === undefined || dot < 0) return undefined;
    const value = cookie.slice(0, dot);
    const given = Buffer.from(cookie.slice(dot + 1), 'base64');
    const expected = signature(value, secret);
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  },
  async write(c, name, value, secret, options) {
    setCookie(c, name, `${value}.${signature(value, secret).toString('base64')}`, options);
  },
};

function signature(value: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(value).digest();
}
