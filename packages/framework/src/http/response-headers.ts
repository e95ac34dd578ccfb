import type { HeaderList } from '@flagon/gateway/core';

/** What a response's headers can be given as. Names are lowercased; values are kept as given. */
export type HeadersInit = HeaderList | Readonly<Record<string, string | readonly string[]>>;

/**
 * A `[name, value]` pair for a list built per response. `new Array`, not a literal: V8 may pretenure a
 * literal's arrays (see responses/events.ts), never those made by the `Array` constructor (measured).
 *
 * @example
 * ```ts
 * headerPair('content-length', '42'); // ['content-length', '42']
 * ```
 */
export function headerPair(name: string, value: string): [string, string] {
  const pair = new Array<string>(2) as [string, string];
  pair[0] = name;
  pair[1] = value;
  return pair;
}

/**
 * A response's headers: a mutable, case-insensitive view over the flat `[name, value]` list that goes
 * to `http.response.start` as is (no copy at send time).
 *
 * @example
 * ```ts
 * const headers = new ResponseHeaders([]);
 * headers.set('Content-Type', 'text/plain');
 * headers.append('vary', 'accept');
 * headers.get('content-type'); // 'text/plain'
 * ```
 */
export class ResponseHeaders implements Iterable<[name: string, value: string]> {
  /** The list itself, shared with the response: mutations here are what gets sent. */
  constructor(readonly list: [string, string][]) {}

  /** The first value of `name`, or `null`. */
  get(name: string): string | null {
    const key = name.toLowerCase();
    for (const [header, value] of this.list) if (header === key) return value;
    return null;
  }

  /** Every value of `name` (e.g. each `set-cookie` line). */
  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.list.filter(([header]) => header === key).map(([, value]) => value);
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }

  /** Replaces every value of `name` with `value`. */
  set(name: string, value: string): this {
    const key = name.toLowerCase();
    const at = this.list.findIndex(([header]) => header === key);
    if (at === -1) this.list.push([key, checkHeader(key, value)]);
    else {
      this.list[at] = [key, checkHeader(key, value)];
      this.removeFrom(key, at + 1);
    }
    return this;
  }

  /** Adds a value for `name`, keeping the ones already there. */
  append(name: string, value: string): this {
    const key = name.toLowerCase();
    this.list.push([key, checkHeader(key, value)]);
    return this;
  }

  /** Removes every value of `name`. */
  delete(name: string): this {
    this.removeFrom(name.toLowerCase(), 0);
    return this;
  }

  [Symbol.iterator](): Iterator<[name: string, value: string]> {
    return this.list[Symbol.iterator]();
  }

  private removeFrom(key: string, start: number): void {
    for (let i = this.list.length - 1; i >= start; i--) if (this.list[i]?.[0] === key) this.list.splice(i, 1);
  }
}

/**
 * The flat header list for `init`, lowercased; one fresh array the response then owns.
 *
 * @example
 * ```ts
 * headerListFrom({ 'X-Id': '1', Vary: ['a', 'b'] }); // [['x-id', '1'], ['vary', 'a'], ['vary', 'b']]
 * ```
 */
export function headerListFrom(init: HeadersInit | undefined): [string, string][] {
  const list: [string, string][] = [];
  if (init === undefined) return list;
  if (Array.isArray(init)) {
    for (const [name, value] of init as HeaderList) {
      const key = name.toLowerCase();
      list.push([key, checkHeader(key, value)]);
    }
    return list;
  }
  for (const [name, value] of Object.entries(init as Readonly<Record<string, string | readonly string[]>>)) {
    const key = name.toLowerCase();
    if (typeof value === 'string') list.push([key, checkHeader(key, value)]);
    else for (const one of value) list.push([key, checkHeader(key, one)]);
  }
  return list;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

// What a header value may hold on the wire (RFC 9110 field-value; what Node and Fetch accept): tab,
// visible ASCII, space and obs-text. So no CR, LF, NUL, other controls or characters past U+00FF.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * `value`, once `name` is a valid header name and `value` is a valid field value: no CR, LF or NUL
 * (they would let user input split the response: header injection), no other control character and
 * nothing past U+00FF (every server refuses those, so the app would fail only in production). Throws
 * a `TypeError` otherwise.
 *
 * @example
 * ```ts
 * checkHeader('x-id', '42'); // '42'
 * checkHeader('x-id', '1\r\nSet-Cookie: a=1'); // throws TypeError
 * checkHeader('x-name', 'José 日本'); // throws TypeError: encode it (percent-encoding, RFC 8187)
 * ```
 */
export function checkHeader(name: string, value: string): string {
  if (!TOKEN.test(name)) throw new TypeError(`Invalid header name ${JSON.stringify(name)}`);
  if (!FIELD_VALUE.test(value)) {
    const why = /[\r\n\0]/.test(value)
      ? 'CR, LF and NUL are not allowed'
      : 'only tab, printable ASCII and Latin-1 characters can go on the wire; encode others (percent-encoding, RFC 8187)';
    throw new TypeError(`Invalid value for header "${name}": ${why}`);
  }
  return value;
}
