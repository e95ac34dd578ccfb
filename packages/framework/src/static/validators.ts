import type { HeaderList } from '@flagon/gateway/core';
import { headerValue } from '../http/request-headers.js';

/**
 * A weak entity tag for a file from its size and modification time, as nginx and `send` make them: it
 * changes when the file does, without reading it. Weak, since two versions of a file could share both.
 *
 * @example
 * ```ts
 * weakEtag(1024, 1700000000000); // 'W/"400-18bcfe56800"'
 * ```
 */
export function weakEtag(size: number, mtimeMs: number): string {
  return `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`;
}

/** `ms` as an HTTP date (IMF-fixdate, RFC 9110 §5.6.7), to the second. */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/**
 * True when the request's preconditions say the client's copy is current, so a `304 Not Modified`
 * answers (RFC 9110 §13.2.2): `If-None-Match` when present (weak comparison, `*` matches any), else
 * `If-Modified-Since` against `lastModified` (to the second; an unreadable date is ignored).
 *
 * @example
 * ```ts
 * isNotModified([['if-none-match', 'W/"400-1"']], 'W/"400-1"', undefined); // true
 * ```
 */
export function isNotModified(
  headers: HeaderList,
  etag: string | null,
  lastModified: string | null,
): boolean {
  const ifNoneMatch = headerValue(headers, 'if-none-match');
  if (ifNoneMatch !== null) return etag !== null && matchesAny(ifNoneMatch, etag);
  const ifModifiedSince = headerValue(headers, 'if-modified-since');
  if (ifModifiedSince === null || lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since;
}

/**
 * True when a `Range` may be answered with part of the file: no `If-Range`, or one naming the current
 * version (RFC 9110 §13.1.5): an entity tag by *strong* comparison (so a weak tag never matches, and the
 * client gets the whole file, never parts of two versions), or exactly the `Last-Modified` date.
 *
 * @example
 * ```ts
 * ifRangeMatches('Tue, 14 Nov 2023 22:13:20 GMT', null, 'Tue, 14 Nov 2023 22:13:20 GMT'); // true
 * ```
 */
export function ifRangeMatches(
  ifRange: string | null,
  etag: string | null,
  lastModified: string | null,
): boolean {
  if (ifRange === null) return true;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith('W/')) {
    return etag !== null && !etag.startsWith('W/') && value === etag;
  }
  if (lastModified === null) return false;
  const date = Date.parse(value);
  return !Number.isNaN(date) && date === Date.parse(lastModified);
}

/** Weak comparison of `etag` with a list of entity tags (`If-None-Match`), `*` matching any. */
function matchesAny(list: string, etag: string): boolean {
  if (list.trim() === '*') return true;
  const opaque = withoutWeak(etag);
  for (const candidate of list.split(',')) if (withoutWeak(candidate.trim()) === opaque) return true;
  return false;
}

function withoutWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
