import { Response } from '@flagon/framework';
import { rfc822 } from './dates.js';
import type { AnyContext } from './sources.js';

/**
 * `body` as a response with a strong `ETag` (a SHA-256 of the bytes) and, when known, `Last-Modified`;
 * or a `304 Not Modified` when the request's validators say the client's copy is current (RFC 9110
 * §13.2.2: `If-None-Match` when sent, else `If-Modified-Since`). The document is still built: what is
 * saved is the transfer, the cheap part to keep.
 *
 * @example
 * ```ts
 * return conditionalResponse(c, xml, 'application/xml; charset=utf-8', latestChange);
 * ```
 */
export async function conditionalResponse(
  c: AnyContext,
  body: string,
  contentType: string,
  lastModified: Date | undefined,
): Promise<Response> {
  const bytes: Uint8Array<ArrayBuffer> = new TextEncoder().encode(body);
  const headers: Record<string, string> = { etag: await entityTag(bytes) };
  if (lastModified !== undefined) headers['last-modified'] = rfc822(lastModified);
  if (notModified(c, headers.etag!, lastModified)) return new Response(null, { status: 304, headers });
  return new Response(bytes, { contentType, headers });
}

/** A strong entity tag for `bytes`; Web Crypto, so the plugin runs on Bun and Deno too. */
async function entityTag(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest.subarray(0, 16)) hex += byte.toString(16).padStart(2, '0');
  return `"${hex}"`;
}

function notModified(c: AnyContext, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = c.request.headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    // Weak comparison (§8.8.3.2), as If-None-Match asks: W/"x" matches "x".
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === etag);
  }
  const ifModifiedSince = c.request.headers.get('if-modified-since');
  if (ifModifiedSince === null || lastModified === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds: compare at that precision, and ignore a date that does not parse.
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
