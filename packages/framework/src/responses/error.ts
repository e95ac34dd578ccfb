import type { HeadersInit } from '../http/response-headers.js';
import { statusPhrase } from '../http/status.js';
import { Response } from '../response.js';
import { JSON_CONTENT_TYPE } from './json.js';
import { HTML_CONTENT_TYPE } from './text.js';

/** What an error response is made of: an `HTTPException`, or a plain answer when no handler needs an error object. */
export interface ErrorAnswer {
  readonly status: number;
  readonly message: string;
  readonly headers?: HeadersInit | undefined;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

/** How to render an error response. */
export interface ErrorRenderOptions {
  /** Render a small HTML page instead of JSON (the client prefers `text/html`). */
  readonly html: boolean;
  /** Debug mode's view of an unhandled error: its message and stack go in the body. */
  readonly debugError?: unknown;
}

/**
 * The default response for an error answer (an `HTTPException`): JSON `{"error": message, ...details}`, or a small HTML page
 * for browsers, with the error's headers. In debug mode an unhandled error adds its message and stack.
 *
 * @example
 * ```ts
 * errorResponse(new HTTPException(404), { html: false }); // 404 {"error":"Not Found"}
 * ```
 */
export function errorResponse(error: ErrorAnswer, options: ErrorRenderOptions): Response {
  const debug = options.debugError === undefined ? undefined : describe(options.debugError);
  if (options.html) {
    const title = `${error.status} ${escapeHtml(statusPhrase(error.status))}`;
    const detail = debug === undefined ? '' : `\n<pre>${escapeHtml(debug.stack ?? debug.message)}</pre>`;
    const page = `<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>${title}</title>\n<h1>${title}</h1>\n<p>${escapeHtml(error.message)}</p>${detail}\n</html>\n`;
    return new Response(page, {
      status: error.status,
      headers: error.headers,
      contentType: HTML_CONTENT_TYPE,
    });
  }
  // The common body is built without an intermediate object (a 404 is on the hot path).
  let body = `{"error":${JSON.stringify(error.message)}`;
  if (error.details !== undefined) {
    for (const [key, value] of Object.entries(error.details)) {
      if (key !== 'error') body += `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    }
  }
  if (debug !== undefined)
    body += `,"message":${JSON.stringify(debug.message)},"stack":${JSON.stringify(debug.stack ?? null)}`;
  return new Response(`${body}}`, {
    status: error.status,
    headers: error.headers,
    contentType: JSON_CONTENT_TYPE,
  });
}

function describe(error: unknown): { message: string; stack: string | undefined } {
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error), stack: undefined };
}

/**
 * `text` with the five HTML-special characters escaped.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"hi"</b>'); // '&lt;b&gt;&quot;hi&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
