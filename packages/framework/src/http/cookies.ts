/** How a cookie is set. The defaults are the safe ones: `Path=/`, `HttpOnly`, `SameSite=Lax`, `Secure` on https. */
export interface CookieOptions {
  /** Seconds until the cookie expires; `0` or less deletes it. */
  maxAge?: number;
  expires?: Date;
  /** Defaults to `/`. */
  path?: string;
  domain?: string;
  /**
   * Defaults to true when the request came over https, and for `SameSite=None` and partitioned
   * cookies, which browsers keep only when Secure (so `secure: false` with those is refused).
   */
  secure?: boolean;
  /** Defaults to true: scripts cannot read the cookie. */
  httpOnly?: boolean;
  /** Defaults to `'Lax'`. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** CHIPS: a cookie partitioned by top-level site (requires `Secure`). */
  partitioned?: boolean;
}

/** A cookie waiting on a response; serialized at send time, when the request's scheme is known. */
export interface PendingCookie {
  readonly name: string;
  readonly value: string;
  readonly options: CookieOptions;
  /**
   * The attributes' text for `options` made once ({@link cookieAttributeTexts}), by a maker that also
   * guarantees a value of cookie octets only (the session's base64url): then written as they are.
   */
  readonly attributes?: CookieAttributeTexts;
}

/** The attributes after `name=value` (from `; Path=` on), over http and over https. */
export type CookieAttributeTexts = readonly [http: string, https: string];

// RFC 6265 §4.1.1: a cookie name is an RFC 7230 token.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 6265 path-value: printable US-ASCII but `;` (which would end the attribute).
const PATH_VALUE = /^[\x20-\x3a\x3c-\x7e]*$/;
// A host name or IPv4 address, as Domain takes it (a leading dot is allowed and ignored by browsers).
const DOMAIN_VALUE =
  /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * Checks a cookie's name, value and attributes, throwing a `TypeError` that says which part is invalid,
 * so a mistake shows at `setCookie` rather than as a cookie the browser silently drops (or, for a value
 * that cannot be encoded, as a failure while the response is already being sent).
 *
 * @example
 * ```ts
 * checkCookie('sid', 'a b', { path: '/app' }); // ok
 * checkCookie('bad name', '', {}); // throws TypeError
 * ```
 */
export function checkCookie(name: string, value: string, options: CookieOptions): void {
  if (!COOKIE_NAME.test(name)) throw new TypeError(`Invalid cookie name ${JSON.stringify(name)}`);
  // Percent-encoding (see serializeCookie) fails only on a lone surrogate, which no UTF-8 can carry.
  if (!isWellFormedText(value)) throw new TypeError(`Invalid value for cookie "${name}": a lone surrogate`);
  if (options.path !== undefined && !PATH_VALUE.test(options.path)) {
    throw new TypeError(`Invalid cookie path ${JSON.stringify(options.path)}: printable ASCII, no ";"`);
  }
  if (options.domain !== undefined && !DOMAIN_VALUE.test(options.domain)) {
    throw new TypeError(`Invalid cookie domain ${JSON.stringify(options.domain)}: a host name`);
  }
  const { maxAge } = options;
  // Past the safe integers it would be written as `1e+21`, which browsers ignore (a session cookie).
  if (maxAge !== undefined && !(Number.isFinite(maxAge) && Math.abs(maxAge) <= Number.MAX_SAFE_INTEGER)) {
    throw new TypeError(`Invalid cookie maxAge ${maxAge}`);
  }
  // An explicit `secure: false` would beat the Secure these need, and browsers drop such cookies.
  if (options.secure === false && (options.sameSite === 'None' || options.partitioned === true)) {
    const needs = options.sameSite === 'None' ? 'SameSite=None' : 'partitioned';
    throw new TypeError(`Cookie "${name}": a ${needs} cookie must be Secure (browsers drop it otherwise)`);
  }
  if (options.expires !== undefined && Number.isNaN(options.expires.getTime())) {
    throw new TypeError('Invalid cookie expires date');
  }
}

function isWellFormedText(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `Set-Cookie` line for `cookie`. The value is percent-encoded (what {@link parseCookieHeader}
 * decodes), so any string round-trips and none can break the header.
 *
 * @example
 * ```ts
 * serializeCookie({ name: 'sid', value: 'a b', options: {} }, true);
 * // 'sid=a%20b; Path=/; HttpOnly; SameSite=Lax; Secure'
 * ```
 */
export function serializeCookie(cookie: PendingCookie, https: boolean): string {
  const { attributes } = cookie;
  if (attributes !== undefined) return `${cookie.name}=${cookie.value}${attributes[https ? 1 : 0]}`;
  const value = COOKIE_OCTETS.test(cookie.value) ? cookie.value : encodeURIComponent(cookie.value);
  return `${cookie.name}=${value}${attributeText(cookie.options, https)}`;
}

// What encodeURIComponent leaves as it is: such a value (base64url, a number, a word) is written as sent.
const COOKIE_OCTETS = /^[A-Za-z0-9!'()*._~-]*$/;

/**
 * The attributes' text for checked `options` (see {@link checkCookie}) over http and over https, for a
 * cookie set on every response with the same options (the session's): made once, not per response.
 *
 * @example
 * ```ts
 * cookieAttributeTexts({ maxAge: 60 }); // ['; Path=/; Max-Age=60; HttpOnly; SameSite=Lax', '…; Secure']
 * ```
 */
export function cookieAttributeTexts(options: CookieOptions): CookieAttributeTexts {
  return [attributeText(options, false), attributeText(options, true)];
}

/** The attributes after `name=value`, from `; Path=` on. */
function attributeText(options: CookieOptions, https: boolean): string {
  let line = `; Path=${options.path ?? '/'}`;
  if (options.domain !== undefined) line += `; Domain=${options.domain}`;
  if (options.maxAge !== undefined) line += `; Max-Age=${Math.trunc(options.maxAge)}`;
  if (options.expires !== undefined) line += `; Expires=${options.expires.toUTCString()}`;
  if (options.httpOnly ?? true) line += '; HttpOnly';
  const sameSite = options.sameSite ?? 'Lax';
  line += `; SameSite=${sameSite}`;
  // Browsers reject SameSite=None and Partitioned cookies without Secure.
  if (options.secure ?? (https || sameSite === 'None' || options.partitioned === true)) line += '; Secure';
  if (options.partitioned) line += '; Partitioned';
  return line;
}

/**
 * The cookies of a `Cookie` header as a record, values percent-decoded (left as sent when that fails).
 * The first occurrence of a name wins, as browsers send the most specific cookie first. The record
 * inherits nothing (`cookies.toString` is undefined), so any cookie name is safe to look up.
 *
 * @example
 * ```ts
 * parseCookieHeader('sid=a%20b; theme=dark'); // { sid: 'a b', theme: 'dark' }
 * ```
 */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies = new CookieRecord();
  if (!header) return cookies;
  const length = header.length;
  for (let start = 0; start < length; ) {
    let end = header.indexOf(';', start);
    if (end === -1) end = length;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end) {
      const name = header.slice(start, eq).trim();
      if (name !== '' && !(name in cookies)) cookies[name] = valueAt(header, eq, end);
    }
    start = end + 1;
  }
  return cookies;
}

/**
 * The value of the cookie `name` in a `Cookie` header, read as {@link parseCookieHeader} reads it (the
 * first occurrence, percent-decoded), or `undefined`: one cookie without a record of them all.
 *
 * @example
 * ```ts
 * cookieValue('theme=dark; sid=a%20b', 'sid'); // 'a b'
 * ```
 */
export function cookieValue(header: string, name: string): string | undefined {
  const length = header.length;
  for (let start = 0; start < length; ) {
    let end = header.indexOf(';', start);
    if (end === -1) end = length;
    const eq = header.indexOf('=', start);
    if (eq !== -1 && eq < end && header.slice(start, eq).trim() === name) return valueAt(header, eq, end);
    start = end + 1;
  }
  return undefined;
}

/**
 * A record whose prototype holds nothing and inherits nothing. Not `Object.create(null)`: such an
 * object is a hash table from the start, and adding a parsed name to one cost ~1.6 us against ~0.1 us
 * for this (measured on Node 20), on every request that reads a cookie.
 */
const CookieRecord = function CookieRecord() {} as unknown as new () => Record<string, string>;
CookieRecord.prototype = Object.freeze(Object.create(null));

/** The value of the pair whose `=` is at `eq` and which ends at `end`: unquoted, percent-decoded. */
function valueAt(header: string, eq: number, end: number): string {
  let value = header.slice(eq + 1, end).trim();
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
  return decode(value);
}

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
