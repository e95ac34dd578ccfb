// How an attachment goes back to its owner. The bytes are the user's, served from the app's own origin,
// so nothing in them may run there: only a few types open in the browser, the rest download, and a
// sandbox CSP and nosniff cover what a browser would otherwise guess.
import { Response } from '@flagon/framework';
import type { Attachment } from './db/schema.js';

/** Types a browser shows without running anything from the file. */
const SHOWN_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/**
 * The type to store for an upload: the client's declared type when it is a plain `type/subtype`
 * (parameters dropped, lower-cased), else `application/octet-stream`.
 *
 * @example
 * ```ts
 * storedContentType('Text/Plain; charset=utf-8'); // 'text/plain'
 * ```
 */
export function storedContentType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
}

/**
 * The response for `attachment`: its bytes and type (`text/plain` as UTF-8), `inline` for the types
 * in {@link SHOWN_INLINE} and `attachment` (a download) for every other, with its file name.
 *
 * @example
 * ```ts
 * return attachmentResponse(await findAttachment(db, user.id, noteId));
 * ```
 */
export function attachmentResponse(attachment: Attachment): Response {
  const type = attachment.content_type;
  const disposition = SHOWN_INLINE.has(type) ? 'inline' : 'attachment';
  return new Response(attachment.data, {
    contentType: type === 'text/plain' ? 'text/plain; charset=utf-8' : type,
    headers: {
      'content-disposition': `${disposition}; ${filenameParameters(attachment.filename)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-cache',
    },
  });
}

/**
 * `filename="..."` with an ASCII stand-in, and `filename*=UTF-8''...` (RFC 6266, RFC 8187) when the
 * name is more than printable ASCII: browsers prefer the second.
 */
export function filenameParameters(filename: string): string {
  const name = filename.replace(/^.*[/\\]/, '') || 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  if (ascii === name) return `filename="${name}"`;
  // encodeURIComponent keeps ' ( ) * as they are; RFC 8187's attr-char does not allow them.
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
