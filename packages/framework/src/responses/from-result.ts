import { Response } from '../response.js';
import { JSON_CONTENT_TYPE } from './json.js';

const HTML_INIT = { contentType: 'text/html; charset=utf-8' } as const;
const JSON_INIT = { contentType: JSON_CONTENT_TYPE } as const;

/**
 * The response for what a handler, hook or error handler returned: a `Response` as is, a string as HTML,
 * bytes as `application/octet-stream`, anything else as JSON. `undefined` is a mistake (a handler that
 * forgot to return) and throws a `TypeError` naming `source`.
 *
 * @example
 * ```ts
 * toResponse({ ok: true }, 'handler "health"'); // 200 application/json {"ok":true}
 * ```
 */
export function toResponse(result: unknown, source: string): Response {
  if (result instanceof Response) return result;
  if (typeof result === 'string') return new Response(result, HTML_INIT);
  if (result instanceof Uint8Array) return new Response(result);
  if (result === undefined) {
    throw new TypeError(`${source} returned undefined; return a string, an object, or a Response`);
  }
  const body = JSON.stringify(result);
  if (body === undefined) throw new TypeError(`${source} returned a ${typeof result}, which is not JSON`);
  return new Response(body, JSON_INIT);
}
