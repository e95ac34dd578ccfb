import type { FileHandle } from 'node:fs/promises';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from '../features/request-feature.js';
import { UploadedFile } from './uploaded-file.js';

/** What a file part is kept under: where it starts going to disk, and who removes the temp file. */
export interface SpoolOptions {
  readonly threshold: number;
  /** The temp files' folder; `undefined`: the OS temp folder. */
  readonly tempDir: string | undefined;
  /** Registers the temp file's removal; without it the file stays in memory whatever its size. */
  readonly deferCleanup: ((cleanup: Cleanup) => void) | undefined;
}

/**
 * Reads a file part to its end: in memory while it is at most `threshold` bytes, then into a new temp
 * file (a random name in the OS temp folder, mode 0600, its removal registered before the first write,
 * so an error later still removes it). Reading at disk speed is the backpressure: the parser waits.
 *
 * @example
 * ```ts
 * const file = await spoolFile(partStream, 'a.txt', 'text/plain', { threshold: 1 << 20, tempDir: undefined, deferCleanup });
 * ```
 */
export async function spoolFile(
  chunks: AsyncIterable<Uint8Array>,
  filename: string,
  type: string,
  options: SpoolOptions,
): Promise<UploadedFile> {
  const threshold = options.deferCleanup === undefined ? Number.POSITIVE_INFINITY : options.threshold;
  let held: Uint8Array[] = [];
  let size = 0;
  let path: string | undefined;
  let handle: FileHandle | undefined;
  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (handle !== undefined) await writeAll(handle, chunk);
      else if (size <= threshold) held.push(chunk);
      else {
        path = join(options.tempDir ?? tmpdir(), `flagon-upload-${crypto.randomUUID()}`);
        const temp = path;
        options.deferCleanup!(() => rm(temp, { force: true }));
        // `wx`: a name that exists already is never written into.
        handle = await open(path, 'wx', 0o600);
        for (const piece of held) await writeAll(handle, piece);
        held = [];
        await writeAll(handle, chunk);
      }
    }
  } finally {
    await handle?.close();
  }
  if (path !== undefined) return new UploadedFile(filename, type, size, { path });
  return new UploadedFile(filename, type, size, { bytes: concat(held, size) });
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  // A write may take fewer bytes than given: the rest is written again.
  for (let offset = 0; offset < chunk.byteLength; ) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
    offset += bytesWritten;
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
