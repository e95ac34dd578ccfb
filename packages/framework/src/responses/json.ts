import type { ResponseInit } from '../response.js';
import { Response } from '../response.js';

/** The content type of JSON responses. */
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * A JSON response: `data` serialized with `JSON.stringify`, `Content-Type: application/json`. Returned
 * with a 2xx status from a route with a `response` schema, `data` is written through the schema instead
 * (only its fields go out), so `json(user, { status: 201, headers: { location } })` leaks nothing.
 *
 * @example
 * ```ts
 * app.post('/items', (c) => json({ id: 1 }, { status: 201, headers: { location: '/items/1' } }));
 * ```
 */
export function json(data: unknown, init?: ResponseInit): Response {
  const body = JSON.stringify(data);
  if (body === undefined) throw new TypeError(`json(): ${typeof data} is not serializable as JSON`);
  // `contentType: undefined` given explicitly still means JSON (a spread would let it erase the default).
  const response = new Response(
    body,
    init === undefined ? JSON_INIT : { ...init, contentType: init.contentType ?? JSON_CONTENT_TYPE },
  );
  // Kept for a route's response schema, which writes a 2xx answer through itself (no field leaks).
  response.jsonValue = data;
  return response;
}

const JSON_INIT: ResponseInit = { contentType: JSON_CONTENT_TYPE };
