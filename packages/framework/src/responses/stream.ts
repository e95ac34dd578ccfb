import type { ResponseInit } from '../response.js';
import { Response } from '../response.js';

/**
 * A streamed response: each chunk of `chunks` is sent as it comes (no `Content-Length`), each send
 * awaited so a slow client slows the producer. When the client goes away the iterator's `return()` is
 * called, so the producer's `finally` runs. `Content-Type` defaults to `application/octet-stream`.
 *
 * @example
 * ```ts
 * app.get('/numbers', () =>
 *   stream((async function* () { for (let i = 0; i < 3; i++) yield `${i}\n`; })(), { contentType: 'text/plain' }),
 * );
 * ```
 */
export function stream(chunks: AsyncIterable<Uint8Array | string>, init?: ResponseInit): Response {
  return new Response(chunks, init);
}
