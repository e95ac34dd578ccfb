import type { ErrorStatusCode } from '../http/status-codes.js';
import type { ResponseInit } from '../response.js';
import { Response } from '../response.js';

/**
 * What `json(data)` returns: a {@link Response} that remembers, in its type only, the type of `data`, so
 * a route with a `response` schema accepts `json()` of the schema's input and refuses any other.
 */
export type JsonResponse<T> = Response & { readonly jsonPayload?: T };

/**
 * A response that is not a typed `json()` answer (`html()`, `redirect()`, `new Response()`...): what a
 * route with a `response` schema may return besides its schema's values.
 */
export type UntypedResponse = Response & { readonly jsonPayload?: undefined };

/** The content type of JSON responses. */
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * A JSON response: `data` serialized with `JSON.stringify`, `Content-Type: application/json`. Returned
 * with a 2xx status from a route with a `response` schema, `data` is written through the schema instead
 * (only its fields go out), so `json(user, { status: 201, headers: { location } })` leaks nothing. Its
 * type carries `data`'s, so such a route refuses, at compile time, `json()` of anything but the schema's
 * input, except as an error answer (a literal 4xx or 5xx status), which goes out as built.
 *
 * @example
 * ```ts
 * app.post('/items', (c) => json({ id: 1 }, { status: 201, headers: { location: '/items/1' } }));
 * ```
 */
export function json<T>(data: T, init: ResponseInit & { status: ErrorStatusCode }): UntypedResponse;
export function json<T>(data: T, init?: ResponseInit): JsonResponse<T>;
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
