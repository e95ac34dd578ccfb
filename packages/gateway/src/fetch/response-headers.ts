import { byteLengthOf } from '../memory/core/body-source.js';
import type { HeaderList } from '../types.js';

/**
 * A Fetch `Response`'s headers for a gateway response head: a record of lowercase names when no name
 * repeats (what Fetch servers turn into a response cheapest: @hono/node-server writes a record straight
 * to Node, where a `Headers` is iterated again), else the list of pairs itself, so a repeated header
 * (two `set-cookie`) stays two. A body sent whole gets its Content-Length ([S-CONTENT-LENGTH]) unless
 * the app framed the body itself, or the length would say nothing (204, 304, an empty HEAD answer).
 *
 * @example
 * ```ts
 * responseHeaders([['Content-Type', 'text/plain']], 200, 'GET', new Uint8Array(2));
 * // { 'content-type': 'text/plain', 'content-length': '2' }
 * ```
 */
export function responseHeaders(
  headers: HeaderList,
  status: number,
  method: string,
  whole: Uint8Array | string | null,
): Record<string, string> | HeaderList {
  const record: Record<string, string> = {};
  let framed = false;
  let repeated = false;
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    // A name the record has (or inherits: `constructor`, `__proto__`) goes in the list instead.
    if (key in record) repeated = true;
    else record[key] = value;
    if (key === 'content-length' || key === 'transfer-encoding') framed = true;
  }
  const size = framed || whole === null ? null : byteLengthOf(whole);
  const length = size === null || !wantsLength(status, method, size) ? null : size;
  if (repeated) return length === null ? headers : [...headers, ['content-length', String(length)]];
  if (length !== null) record['content-length'] = String(length);
  return record;
}

function wantsLength(status: number, method: string, size: number): boolean {
  return status !== 204 && status !== 304 && !(method === 'HEAD' && size === 0);
}
