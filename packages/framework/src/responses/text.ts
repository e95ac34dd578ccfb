import type { ResponseInit } from '../response.js';
import { Response } from '../response.js';

const TEXT_INIT: ResponseInit = { contentType: 'text/plain; charset=utf-8' };
/** The content type of HTML responses (and of a handler's string result). */
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

const HTML_INIT: ResponseInit = { contentType: HTML_CONTENT_TYPE };

/**
 * A plain-text response (`text/plain; charset=utf-8`).
 *
 * @example
 * ```ts
 * app.get('/robots.txt', () => text('User-agent: *\nDisallow:'));
 * ```
 */
export function text(body: string, init?: ResponseInit): Response {
  return new Response(body, init === undefined ? TEXT_INIT : withContentType(init, TEXT_INIT));
}

/**
 * An HTML response (`text/html; charset=utf-8`): what a handler's string result becomes.
 *
 * @example
 * ```ts
 * app.get('/', () => html('<h1>Hello</h1>', { headers: { 'cache-control': 'no-store' } }));
 * ```
 */
export function html(body: string, init?: ResponseInit): Response {
  return new Response(body, init === undefined ? HTML_INIT : withContentType(init, HTML_INIT));
}

/** `init` with `fallback`'s content type when it names none (`contentType: undefined` included). */
function withContentType(init: ResponseInit, fallback: ResponseInit): ResponseInit {
  return { ...init, contentType: init.contentType ?? fallback.contentType };
}
