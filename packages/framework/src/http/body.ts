import type { HttpReceive } from '@flagon/gateway';
import { ClientDisconnectedError } from '@flagon/gateway';
import { HTTPError } from '../errors.js';

/**
 * The request body's chunks as they arrive through `receive`, failing with a 413 {@link HTTPError} as
 * soon as they add up to more than `limit` bytes (so an oversized upload is never held in memory), and
 * with a `ClientDisconnectedError` when the client leaves mid-body.
 *
 * @example
 * ```ts
 * for await (const chunk of receiveChunks(receive, 1024 * 1024)) hash.update(chunk);
 * ```
 */
export async function* receiveChunks(receive: HttpReceive, limit: number): AsyncGenerator<Uint8Array> {
  let total = 0;
  for (;;) {
    const event = await receive();
    if (event.type === 'http.disconnect') throw new ClientDisconnectedError(event.reason);
    if (event.type !== 'http.request') continue;
    total += event.body.byteLength;
    if (total > limit) throw tooLarge(limit);
    if (event.body.byteLength > 0) yield event.body;
    if (!event.more) return;
  }
}

/**
 * The whole request body as one byte array (no copy when it came in one chunk), within `limit` bytes.
 *
 * @example
 * ```ts
 * const bytes = await receiveAll(receive, 1024 * 1024);
 * ```
 */
export async function receiveAll(receive: HttpReceive, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of receiveChunks(receive, limit)) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  if (chunks.length === 1) return chunks[0]!;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The 413 for a declared `Content-Length` over `limit`, checked before reading a byte; `undefined` when
 * the header is absent or within the limit.
 *
 * @example
 * ```ts
 * const error = declaredTooLarge(request.headers.get('content-length'), limit);
 * if (error) throw error;
 * ```
 */
export function declaredTooLarge(contentLength: string | null, limit: number): HTTPError | undefined {
  if (contentLength === null) return undefined;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit ? tooLarge(limit) : undefined;
}

function tooLarge(limit: number): HTTPError {
  return new HTTPError(413, `Request body is larger than ${limit} bytes`);
}
