/** What a `Range` header asks of a file: all of it, one part, or nothing it holds. */
export type RangeAnswer =
  | { readonly kind: 'whole' }
  | { readonly kind: 'part'; readonly start: number; readonly end: number }
  | { readonly kind: 'unsatisfiable' };

const WHOLE: RangeAnswer = { kind: 'whole' };
const UNSATISFIABLE: RangeAnswer = { kind: 'unsatisfiable' };
const SPEC = /^(\d*)-(\d*)$/;

/**
 * The answer to `Range: <header>` for a file of `size` bytes (RFC 9110 §14.2): one satisfiable range
 * (`bytes=0-99`, open `bytes=100-`, suffix `bytes=-500`, its end clamped to the file) is a part (`end`
 * inclusive); one that starts past the end (or a suffix of 0) is unsatisfiable (416). Anything else is
 * the whole file (200): a header that does not parse, another unit, and several ranges (multipart
 * answers cost more than they give: browsers and download tools ask for one range).
 *
 * @example
 * ```ts
 * byteRange('bytes=-500', 2000); // { kind: 'part', start: 1500, end: 1999 }
 * byteRange('bytes=5000-', 2000); // { kind: 'unsatisfiable' }
 * ```
 */
export function byteRange(header: string, size: number): RangeAnswer {
  const equals = header.indexOf('=');
  if (equals === -1 || header.slice(0, equals).trim().toLowerCase() !== 'bytes') return WHOLE;
  const specs = header.slice(equals + 1).split(',');
  if (specs.length !== 1) return WHOLE;
  const match = SPEC.exec(specs[0]!.trim());
  if (match === null) return WHOLE;
  const [, first = '', last = ''] = match;
  if (first === '') {
    if (last === '') return WHOLE;
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return WHOLE; // invalid: ignored, as RFC 9110 §14.2 says
  if (start >= size) return UNSATISFIABLE;
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}
