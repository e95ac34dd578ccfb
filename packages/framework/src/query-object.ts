// What the URL's form-urlencoded reading changes: `+` (a space), `%XX` escapes, a leading `?` (dropped),
// and lone surrogates (made U+FFFD by the UTF-8 round trip). Without them every value is its raw text.
const NEEDS_DECODING = /[%+\ud800-\udfff]|^\?/;

/**
 * The query string as the object a `query` schema validates: one value → string, repeated (or an
 * array field) → string[], no prototype. The same object as `entriesToObject(new URLSearchParams(q))`;
 * a query with nothing to decode (the common `?limit=10&sort=name`) is read by slicing it, without the
 * `URLSearchParams` and its entry list in between.
 *
 * @example
 * ```ts
 * queryObject('limit=10&tag=a&tag=b', new Set()); // { limit: '10', tag: ['a', 'b'] }
 * ```
 */
export function queryObject(
  query: string,
  arrayFields: ReadonlySet<string>,
): Record<string, string | string[]> {
  if (NEEDS_DECODING.test(query)) return entriesToObject(new URLSearchParams(query), arrayFields);
  // No prototype: the keys are the client's (see entriesToObject).
  const out: Record<string, string | string[]> = Object.create(null);
  const end = query.length;
  let start = 0;
  while (start <= end) {
    let stop = query.indexOf('&', start);
    if (stop === -1) stop = end;
    if (stop > start) {
      const equals = query.indexOf('=', start);
      const split = equals === -1 || equals > stop ? stop : equals;
      const key = query.slice(start, split);
      const value = split === stop ? '' : query.slice(split + 1, stop);
      const existing = out[key];
      if (existing === undefined) out[key] = arrayFields.size > 0 && arrayFields.has(key) ? [value] : value;
      else if (Array.isArray(existing)) existing.push(value);
      else out[key] = [existing, value];
    }
    start = stop + 1;
  }
  return out;
}

/**
 * Multi-valued entries as an object: one value → the value, repeated (or an array field) → an array.
 *
 * @example
 * ```ts
 * entriesToObject(new URLSearchParams('a=1&b=2&b=3'), new Set()); // { a: '1', b: ['2', '3'] }
 * ```
 */
export function entriesToObject<V>(
  entries: { forEach(fn: (value: V, key: string) => void): void },
  arrayFields: ReadonlySet<string>,
): Record<string, V | V[]> {
  // No prototype: the keys are the client's, so `?toString=x` must not find an inherited function and
  // `?__proto__=x` must be an ordinary key, not a write to the object's prototype.
  const out: Record<string, V | V[]> = Object.create(null);
  entries.forEach((value, key) => {
    const existing = out[key];
    if (existing === undefined) out[key] = arrayFields.has(key) ? [value] : value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  });
  return out;
}
