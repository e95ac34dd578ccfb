import { INVALID_IN_FIELD_VALUE } from '../../field-value.js';
import type { HeaderList } from '../../types.js';

/** Headers in any of the shapes a caller naturally has at hand. */
export type HeaderInput =
  | HeaderList
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Converts headers to a {@link HeaderList}: names lowercased, repeated headers kept in order.
 *
 * @example
 * ```ts
 * toHeaderList({ 'Content-Type': 'text/plain', Accept: ['a', 'b'] });
 * // [['content-type', 'text/plain'], ['accept', 'a'], ['accept', 'b']]
 * ```
 */
export function toHeaderList(headers: HeaderInput | undefined): HeaderList {
  if (headers === undefined) return [];
  const pairs: Array<readonly [string, string]> = [];
  const add = (name: string, value: string) => pairs.push([name.toLowerCase(), value]);
  if (isHeaderList(headers) || headers instanceof Headers) {
    // A Headers object iterates repeated set-cookie headers one by one, so none are lost.
    for (const [name, value] of headers) add(name, value);
    return pairs;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of typeof value === 'string' ? [value] : value) add(name, one);
  }
  return pairs;
}

/**
 * Builds a Fetch `Headers` from a header list, keeping every repeated header (two `set-cookie` stay two).
 *
 * @example
 * ```ts
 * toHeaders([['set-cookie', 'a=1'], ['set-cookie', 'b=2']]).getSetCookie(); // ['a=1', 'b=2']
 * ```
 */
export function toHeaders(headers: HeaderList): Headers {
  const result = new Headers();
  for (const [name, value] of headers) result.append(name, value);
  return result;
}

/**
 * The first value of a header (names compared case-insensitively), or `undefined`.
 *
 * @example
 * ```ts
 * firstHeader([['content-type', 'text/plain']], 'Content-Type'); // 'text/plain'
 * ```
 */
export function firstHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find(([key]) => key.toLowerCase() === wanted)?.[1];
}

// What every real transport accepts (Node's checks, Fetch's ByteString) as a name: a token.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Throws a `TypeError` unless `headers` is a list of `[name, value]` string pairs that could go on the
 * wire (token names; values without CR, LF, NUL, other controls or characters past U+00FF, which Node
 * and Fetch refuse too); returns it typed. So an app tested in memory fails as it would on a server.
 *
 * @example
 * ```ts
 * checkHeaderList([['x-a', '1']], 'http.response.start'); // ok
 * checkHeaderList([['x-a', 'a\r\nb: c']], 'http.response.start'); // throws TypeError
 * ```
 */
export function checkHeaderList(headers: unknown, where: string): HeaderList {
  // One pass over the pairs, shape and content together: this runs on every response start.
  if (!Array.isArray(headers)) throw notPairs(where);
  for (const pair of headers as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) throw notPairs(where);
    const name: unknown = pair[0];
    const value: unknown = pair[1];
    if (typeof name !== 'string' || typeof value !== 'string') throw notPairs(where);
    if (!TOKEN.test(name)) throw new TypeError(`${where}: invalid header name ${JSON.stringify(name)}`);
    if (INVALID_IN_FIELD_VALUE.test(value)) {
      throw new TypeError(`${where}: invalid character in the value of header ${JSON.stringify(name)}`);
    }
  }
  return headers as HeaderList;
}

function notPairs(where: string): TypeError {
  return new TypeError(`${where}: headers must be a list of [name, value] string pairs`);
}

function isHeaderList(headers: HeaderInput): headers is HeaderList {
  return Array.isArray(headers);
}
