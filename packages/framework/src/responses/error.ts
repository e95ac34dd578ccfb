import type { HTTPError } from '../errors.js';
import { statusPhrase } from '../http/status.js';
import { Response } from '../response.js';

/** How to render an error response. */
export interface ErrorRenderOptions {
  /** Render a small HTML page instead of JSON (the client prefers `text/html`). */
  readonly html: boolean;
  /** Debug mode's view of an unhandled error: its message and stack go in the body. */
  readonly debugError?: unknown;
}

/**
 * The default response for an `HTTPError`: JSON `{"error": message, ...details}`, or a small HTML page
 * for browsers, with the error's headers. In debug mode an unhandled error adds its message and stack.
 *
 * @example
 * ```ts
 * errorResponse(new HTTPError(404), { html: false }); // 404 {"error":"Not Found"}
 * ```
 */
export function errorResponse(error: HTTPError, options: ErrorRenderOptions): Response {
  const init = { status: error.status, headers: error.headers };
  const debug = options.debugError === undefined ? undefined : describe(options.debugError);
  if (options.html) {
    const title = `${error.status} ${escapeHtml(statusPhrase(error.status))}`;
    const detail = debug === undefined ? '' : `\n<pre>${escapeHtml(debug.stack ?? debug.message)}</pre>`;
    const page = `<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>${title}</title>\n<h1>${title}</h1>\n<p>${escapeHtml(error.message)}</p>${detail}\n</html>\n`;
    return new Response(page, { ...init, contentType: 'text/html; charset=utf-8' });
  }
  const body: Record<string, unknown> = { error: error.message, ...error.details };
  if (debug !== undefined) {
    body.message = debug.message;
    body.stack = debug.stack;
  }
  return new Response(JSON.stringify(body), { ...init, contentType: 'application/json' });
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
