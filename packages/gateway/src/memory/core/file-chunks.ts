import { isAbsoluteFilePath } from '../../file-path.js';

/** What `http.response.file` asks for. */
export interface FileRange {
  readonly path: string;
  readonly offset?: number;
  readonly length?: number;
}

const CHUNK_SIZE = 64 * 1024;

/**
 * Reads a byte range of a file in 64 KiB chunks (a length past the end of the file is clamped to it),
 * one chunk per pull, so a slow reader holds at most one
 * chunk in memory. `node:fs/promises` is imported only when a file is read: Node, Bun and Deno all have
 * it, and code that never sends a file runs where there is no filesystem at all.
 *
 * @example
 * ```ts
 * for await (const chunk of readFileChunks({ path: '/srv/logo.png', offset: 0, length: 1024 })) {
 *   await write(chunk);
 * }
 * ```
 */
export async function* readFileChunks(range: FileRange): AsyncGenerator<Uint8Array, void, undefined> {
  if (!isAbsoluteFilePath(range.path)) {
    throw new TypeError(`http.response.file: path must be absolute, got ${JSON.stringify(range.path)}`);
  }
  const offset = range.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError('http.response.file: bad offset');
  if (range.length !== undefined && (!Number.isSafeInteger(range.length) || range.length < 0)) {
    throw new RangeError('http.response.file: bad length');
  }
  const { open } = await import('node:fs/promises');
  const file = await open(range.path, 'r');
  try {
    const info = await file.stat();
    if (!info.isFile()) throw new TypeError(`http.response.file: ${range.path} is not a file`);
    // A length past the end is clamped to the file, as the Node bridge does: what the file holds is sent.
    const length = Math.min(range.length ?? Number.POSITIVE_INFINITY, Math.max(0, info.size - offset));
    let position = offset;
    let left = length;
    while (left > 0) {
      const buffer = new Uint8Array(Math.min(CHUNK_SIZE, left));
      const { bytesRead } = await file.read(buffer, 0, buffer.byteLength, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      left -= bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
    // A file that shrank under us would leave a promised length (and content-length) short: say so.
    if (left > 0) {
      throw new RangeError(
        `http.response.file: ${range.path} ended ${left} bytes before the requested length`,
      );
    }
  } finally {
    await file.close();
  }
}
