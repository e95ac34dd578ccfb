import type { HttpScope, HttpSend } from '@flagon/gateway/core';
import { isAbsoluteFilePath } from '@flagon/gateway/core';
import { pipeIterable } from './pipe.js';

/**
 * A response body that is (a range of) a file on the server's disk. Sent with the gateway's `file`
 * extension when the server offers it (the server streams the bytes itself, zero-copy where it can),
 * else read and streamed in chunks.
 *
 * @example
 * ```ts
 * new Response(new FileBody('/srv/static/logo.png', { length: 1024 }), { contentType: 'image/png' });
 * ```
 */
export class FileBody {
  /** Byte offset to start at. */
  readonly offset: number;
  /** How many bytes to send; `undefined` for the rest of the file. */
  readonly length: number | undefined;

  /**
   * `path` must be absolute (a relative one would be read from wherever the process runs): a relative
   * path throws a `TypeError` at once. `offset` and `length` are byte counts: anything but an integer
   * >= 0 throws a `TypeError` at once too, not when the file is sent.
   */
  constructor(
    readonly path: string,
    range: { offset?: number; length?: number } = {},
  ) {
    if (!isAbsoluteFilePath(path))
      throw new TypeError(`FileBody path must be absolute, got ${JSON.stringify(path)}`);
    this.offset = byteCount('offset', range.offset ?? 0);
    this.length = range.length === undefined ? undefined : byteCount('length', range.length);
  }
}

// Refused here rather than read: a read at position -1 reads on from wherever the file is.
function byteCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`FileBody ${name} must be an integer >= 0, got ${value}`);
  }
  return value;
}

// File bodies whose length was measured when they were made (from a `stat` the caller already did).
const MEASURED = new WeakSet<FileBody>();

/**
 * @internal A file body whose `length` is already known to be the bytes it sends (the caller stat'ed the
 * file): {@link measureFileBody} takes it as is, so a static file costs one `stat`, not two.
 *
 * @example
 * ```ts
 * measuredFileBody('/srv/static/app.css', 0, info.size);
 * ```
 */
export function measuredFileBody(path: string, offset: number, length: number): FileBody {
  const body = new FileBody(path, { offset, length });
  MEASURED.add(body);
  return body;
}

/**
 * How many bytes `file` sends: `length`, clamped to what the file holds past `offset` (as servers clamp
 * a file event's). Rejects (`ENOENT`, or a `TypeError` for what is not a regular file) unless `file` can
 * be sent: called before the response starts, so a missing file fails the request while a status can
 * still be sent, instead of cutting a response already announced as 200.
 *
 * @example
 * ```ts
 * await measureFileBody(new FileBody('/srv/ten-bytes.txt', { offset: 4 })); // 6
 * await measureFileBody(new FileBody('/srv/missing.txt')); // rejects with ENOENT
 * ```
 */
export async function measureFileBody(file: FileBody): Promise<number> {
  if (MEASURED.has(file)) return file.length as number;
  // Loaded here, not at the top, so the framework stays importable where there is no filesystem.
  const { stat } = await import('node:fs/promises');
  const info = await stat(file.path);
  if (!info.isFile()) throw new TypeError(`${file.path} is not a file`);
  return Math.min(file.length ?? Number.POSITIVE_INFINITY, Math.max(0, info.size - file.offset));
}

const CHUNK_SIZE = 64 * 1024;

/**
 * Sends `file` as the body of a started response, `length` bytes as {@link measureFileBody} measured
 * them (the Content-Length announced): one `http.response.file` event when the server offers the
 * extension, else the bytes read in 64 KiB chunks (through `node:fs`, which Node, Bun and Deno have).
 *
 * @example
 * ```ts
 * const file = new FileBody('/srv/a.txt');
 * await sendFileBody(file, await measureFileBody(file), scope, send);
 * ```
 */
export async function sendFileBody(
  file: FileBody,
  length: number,
  scope: HttpScope,
  send: HttpSend,
): Promise<void> {
  if (scope.extensions.file) {
    await send({ type: 'http.response.file', path: file.path, offset: file.offset, length });
    return;
  }
  await pipeIterable(readChunks(file.path, file.offset, length), scope, send);
}

async function* readChunks(path: string, offset: number, length: number): AsyncGenerator<Uint8Array> {
  // Loaded only on this fallback path, so the framework stays importable where there is no filesystem.
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  try {
    let position = offset;
    let left = length;
    while (left > 0) {
      const buffer = new Uint8Array(Math.min(CHUNK_SIZE, left));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      // The Content-Length promised `length` bytes: a short body must fail, not end as complete.
      if (bytesRead === 0) throw new Error(`${path} shrank while it was sent`);
      position += bytesRead;
      left -= bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
