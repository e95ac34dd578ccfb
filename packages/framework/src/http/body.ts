import type { HttpReceive, HttpReceiveEvent, HttpRequestEvent } from '@flagon/gateway/core';
import { ClientDisconnectedError } from '@flagon/gateway/core';
import { HTTPException } from '../errors.js';

/**
 * The request body's chunks as they arrive through `receive`, failing with a 413 {@link HTTPException} as
 * soon as they add up to more than `limit` bytes (so an oversized upload is never held in memory), and
 * with a `ClientDisconnectedError` when the client leaves mid-body.
 *
 * @example
 * ```ts
 * for await (const chunk of receiveChunks(receive, 1024 * 1024)) hash.update(chunk);
 * ```
 */
export async function* receiveChunks(receive: HttpReceive, limit: number): AsyncGenerator<Uint8Array> {
  checkLimit(limit);
  let total = 0;
  for (;;) {
    const event = bodyEvent(await receive());
    if (event === undefined) continue;
    total += event.body.byteLength;
    if (total > limit) throw tooLarge(limit);
    if (event.body.byteLength > 0) yield event.body;
    if (!event.more) return;
  }
}

/** The event if it carries body bytes; throws for a disconnect, `undefined` for anything else. */
function bodyEvent(event: HttpReceiveEvent): HttpRequestEvent | undefined {
  if (event.type === 'http.disconnect') throw new ClientDisconnectedError(event.reason);
  return event.type === 'http.request' ? event : undefined;
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
  checkLimit(limit);
  // A plain loop, not `receiveChunks`: an async generator costs a promise per step, and most bodies are one chunk.
  let first: Uint8Array | undefined;
  let chunks: Uint8Array[] | undefined;
  let total = 0;
  for (;;) {
    const event = bodyEvent(await receive());
    if (event === undefined) continue;
    const chunk = event.body;
    total += chunk.byteLength;
    if (total > limit) throw tooLarge(limit);
    if (chunk.byteLength > 0) {
      if (first === undefined) first = chunk;
      else {
        chunks ??= [first];
        chunks.push(chunk);
      }
    }
    if (!event.more) break;
  }
  if (chunks === undefined) return first ?? EMPTY;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const EMPTY = new Uint8Array(0);

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
export function declaredTooLarge(contentLength: string | null, limit: number): HTTPException | undefined {
  if (contentLength === null) return undefined;
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit ? tooLarge(limit) : undefined;
}

// The config and route options are checked when set; this catches a bad limit reaching the body by
// another way (`new Request(scope, receive, NaN)`): NaN or a string compares false with every size, so
// without it the body would be read without a limit. Fails closed, as a 500.
function checkLimit(limit: number): void {
  if (typeof limit !== 'number' || !(limit >= 0)) {
    throw new TypeError(`The request body limit must be a number of bytes >= 0, got ${String(limit)}`);
  }
}

function tooLarge(limit: number): HTTPException {
  return new HTTPException(413, `Request body is larger than ${limit} bytes`);
}
