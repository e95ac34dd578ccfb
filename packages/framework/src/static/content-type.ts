import { lookup } from 'mime-types';

/**
 * The `Content-Type` for a file name, from the `mime-types` table (mime-db, what Express and Fastify
 * use) by extension: `application/octet-stream` when unknown; `text/*` types with `charset=utf-8`.
 *
 * @example
 * ```ts
 * contentTypeFor('css/app.css'); // 'text/css; charset=utf-8'
 * contentTypeFor('logo.png'); // 'image/png'
 * ```
 */
export function contentTypeFor(name: string): string {
  const type = lookup(name);
  if (type === false) return 'application/octet-stream';
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}
