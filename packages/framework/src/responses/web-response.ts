import { Response } from '../response.js';

/** The Fetch API's `Response` (global on Node 20+, Bun, Deno), as a handler may return it out of habit. */
export type WebResponse = globalThis.Response;

/** True for a Fetch `Response` (not Flagon's own class), on runtimes that have one. */
export function isWebResponse(value: unknown): value is WebResponse {
  const WebResponseClass = globalThis.Response as typeof globalThis.Response | undefined;
  return WebResponseClass !== undefined && value instanceof WebResponseClass;
}

/**
 * Flagon's {@link Response} for a Fetch `Response`: its status, its headers (each `Set-Cookie` kept on
 * its own) and its body, streamed from the body's reader, a chunk per `send` (so a slow client slows the
 * reader), and cancelled when it will not be read (a disconnect, `HEAD`, a 204).
 *
 * @example
 * ```ts
 * fromWebResponse(new globalThis.Response('created', { status: 201 })); // 201, text/plain;charset=UTF-8
 * ```
 */
export function fromWebResponse(web: WebResponse): Response {
  if (web.bodyUsed) throw new TypeError('a handler returned a Fetch Response whose body was already read');
  const headers: [string, string][] = [];
  web.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers.push([name, value]);
  });
  // Headers joins repeated fields with ", ", which would merge cookies whose Expires holds a comma.
  for (const cookie of web.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
  const body = web.body === null ? null : readerIterable(web.body);
  return new Response(body, { status: web.status, headers });
}

/** An async iterable over `stream` through its reader: `return()` cancels the stream. */
function readerIterable(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
      const reader = stream.getReader();
      return {
        async next(): Promise<IteratorResult<Uint8Array>> {
          const { done, value } = await reader.read();
          if (done) {
            reader.releaseLock();
            return { done: true, value: undefined };
          }
          return { done: false, value };
        },
        async return(): Promise<IteratorResult<Uint8Array>> {
          await reader.cancel();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
