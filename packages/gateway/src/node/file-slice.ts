import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsoluteFilePath } from '../file-path.js';
import type { HttpResponseFileEvent } from '../types.js';

/** The bytes of a file an `http.response.file` event asks for. */
export interface FileSlice {
  readonly path: string;
  readonly offset: number;
  /** Clamped to what the file holds past `offset`. */
  readonly length: number;
}

/**
 * Checks a file event and measures its slice: `offset` defaults to 0, `length` to the rest of the
 * file, and a length past the end is clamped to it. Rejects (`ENOENT`, or a TypeError for a directory
 * a bad number or a relative path), so the app's `send` fails and the app decides what to do.
 *
 * @example
 * ```ts
 * await fileSlice({ type: 'http.response.file', path: '/srv/a.txt', offset: 3 }); // { path, offset: 3, length: size - 3 }
 * ```
 */
export async function fileSlice(event: HttpResponseFileEvent): Promise<FileSlice> {
  if (!isAbsoluteFilePath(event.path)) {
    throw new TypeError(`send: file path must be absolute, got ${JSON.stringify(event.path)}`);
  }
  const offset = event.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new TypeError('send: file offset must be an integer >= 0');
  if (event.length !== undefined && (!Number.isSafeInteger(event.length) || event.length < 0)) {
    throw new TypeError('send: file length must be an integer >= 0');
  }
  const info = await stat(event.path);
  if (!info.isFile()) throw new TypeError(`send: ${event.path} is not a file`);
  const length = Math.min(event.length ?? Number.POSITIVE_INFINITY, Math.max(0, info.size - offset));
  return { path: event.path, offset, length };
}

/**
 * Reads a slice from disk chunk by chunk and hands each to `write`, waiting whenever `write` returns a
 * promise (the socket is full): a large file never sits in memory. Rejects if the file shrank meanwhile,
 * since a response announcing its length must not come up short.
 *
 * @example
 * ```ts
 * await streamFileSlice(slice, (chunk) => (res.write(chunk) ? undefined : once(res, 'drain')));
 * ```
 */
export async function streamFileSlice(
  slice: FileSlice,
  write: (chunk: Buffer) => Promise<unknown> | undefined,
): Promise<void> {
  if (slice.length === 0) return;
  const stream = createReadStream(slice.path, { start: slice.offset, end: slice.offset + slice.length - 1 });
  let sent = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      sent += chunk.byteLength;
      await write(chunk);
    }
  } finally {
    stream.destroy();
  }
  if (sent !== slice.length) throw new Error(`send: ${slice.path} shrank while it was sent`);
}
