import type { ResponseInit } from '../response.js';
import { Response } from '../response.js';

/** The content type of JSON responses. */
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * A JSON response: `data` serialized with `JSON.stringify`, `Content-Type: application/json`.
 *
 * @example
 * ```ts
 * app.post('/items', (c) => json({ id: 1 }, { status: 201, headers: { location: '/items/1' } }));
 * ```
 */
export function json(data: unknown, init?: ResponseInit): Response {
  const body = JSON.stringify(data);
  if (body === undefined) throw new TypeError(`json(): ${typeof data} is not serializable as JSON`);
  return new Response(body, init === undefined ? JSON_INIT : { contentType: JSON_CONTENT_TYPE, ...init });
}

const JSON_INIT: ResponseInit = { contentType: JSON_CONTENT_TYPE };
