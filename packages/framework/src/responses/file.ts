import type { HttpScope, HttpSend } from '@flagon/gateway';
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

  /** `path` must be absolute: the server resolves it, not the app. */
  constructor(
    readonly path: string,
    range: { offset?: number; length?: number } = {},
  ) {
    this.offset = range.offset ?? 0;
    this.length = range.length;
  }
}

/**
 * Rejects (`ENOENT`, or a `TypeError` for what is not a regular file) unless `file` can be sent: called
 * before the response starts, so a missing file fails the request while a status can still be sent,
 * instead of cutting a response already announced as 200.
 *
 * @example
 * ```ts
 * await checkFileBody(new FileBody('/srv/missing.txt')); // rejects with ENOENT
 * ```
 */
export async function checkFileBody(file: FileBody): Promise<void> {
  // Loaded here, not at the top, so the framework stays importable where there is no filesystem.
  const { stat } = await import('node:fs/promises');
  if (!(await stat(file.path)).isFile()) throw new TypeError(`${file.path} is not a file`);
}

const CHUNK_SIZE = 64 * 1024;

/**
 * Sends `file` as the body of a started response: one `http.response.file` event when the server offers
 * the extension, else the bytes read in 64 KiB chunks (through `node:fs`, which Node, Bun and Deno have).
 *
 * @example
 * ```ts
 * await sendFileBody(new FileBody('/srv/a.txt'), scope, send);
 * ```
 */
export async function sendFileBody(file: FileBody, scope: HttpScope, send: HttpSend): Promise<void> {
  if (scope.extensions.file) {
    await send({ type: 'http.response.file', path: file.path, offset: file.offset, length: file.length });
    return;
  }
  await pipeIterable(readChunks(file), scope, send);
}

async function* readChunks(file: FileBody): AsyncGenerator<Uint8Array> {
  // Loaded only on this fallback path, so the framework stays importable where there is no filesystem.
  const { open } = await import('node:fs/promises');
  const handle = await open(file.path, 'r');
  try {
    let position = file.offset;
    let left = file.length ?? Number.POSITIVE_INFINITY;
    while (left > 0) {
      const buffer = new Uint8Array(Math.min(CHUNK_SIZE, left));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      left -= bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
