import { createReadStream } from 'node:fs';
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';

/** Where an upload's bytes are: in memory, or in a file on disk. */
export type UploadedFileSource = { readonly bytes: Uint8Array } | { readonly path: string };

/**
 * A file from a `multipart/form-data` body (Starlette's `UploadFile`). A small file is held in memory; one
 * past the spool threshold was streamed to a temp file (mode 0600 in the OS temp folder), removed once
 * the response is sent: `moveTo` or `saveTo` it to keep it.
 *
 * @example
 * ```ts
 * app.post('/avatar', async (c) => {
 *   const file = (await c.request.form()).get('avatar');
 *   if (!(file instanceof UploadedFile)) abort(400, 'No avatar');
 *   await file.moveTo(`/srv/avatars/${crypto.randomUUID()}`);
 *   return { name: file.filename, type: file.type, size: file.size };
 * });
 * ```
 */
export class UploadedFile {
  /** The name the client gave (`''` when a file input was left empty); never a path to trust. */
  readonly filename: string;
  /** The part's `Content-Type` as the client declared it (`application/octet-stream` when absent). */
  readonly type: string;
  /** The size in bytes. */
  readonly size: number;
  private memory: Uint8Array | undefined;
  private file: string | undefined;

  /** @internal Made by the form parser. */
  constructor(filename: string, type: string, size: number, source: UploadedFileSource) {
    this.filename = filename;
    this.type = type;
    this.size = size;
    this.memory = 'bytes' in source ? source.bytes : undefined;
    this.file = 'path' in source ? source.path : undefined;
  }

  /** The file's path on disk: the temp file while spooled, the destination after `moveTo`; `undefined` in memory. */
  get path(): string | undefined {
    return this.file;
  }

  /** The content as bytes (read from disk when spooled). */
  bytes(): Promise<Uint8Array> {
    if (this.memory !== undefined) return Promise.resolve(this.memory);
    return readFile(this.file!).then(
      (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
    );
  }

  /** The content decoded as UTF-8 (invalid bytes become U+FFFD). */
  text(): Promise<string> {
    return this.bytes().then((bytes) => new TextDecoder().decode(bytes));
  }

  /** The content as a stream, read from disk piece by piece when spooled (never whole in memory). */
  stream(): ReadableStream<Uint8Array> {
    const memory = this.memory;
    if (memory !== undefined) {
      return new ReadableStream({
        start(controller) {
          if (memory.byteLength > 0) controller.enqueue(memory);
          controller.close();
        },
      });
    }
    const source = createReadStream(this.file!)[Symbol.asyncIterator]();
    return new ReadableStream({
      async pull(controller) {
        const { done, value } = await source.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value as Buffer));
      },
      async cancel() {
        await source.return?.();
      },
    });
  }

  /**
   * Moves the file to `destination` (overwriting it): a rename for a spooled file, so the temp file is
   * not removed after the response; a write for one in memory. Later reads read the new file.
   *
   * @example
   * ```ts
   * await file.moveTo(join(uploadDir, `${id}.bin`));
   * ```
   */
  async moveTo(destination: string): Promise<void> {
    if (this.file === undefined) await writeFile(destination, this.memory!);
    else {
      try {
        await rename(this.file, destination);
      } catch (error) {
        // Another file system: rename cannot cross it, a copy can.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        await copyFile(this.file, destination);
        await rm(this.file, { force: true });
      }
    }
    this.file = destination;
    this.memory = undefined;
  }

  /**
   * Writes a copy of the file to `destination` (overwriting it); the upload itself stays where it is.
   *
   * @example
   * ```ts
   * await file.saveTo(join(backupDir, file.filename.replace(/[^\w.-]/g, '_')));
   * ```
   */
  async saveTo(destination: string): Promise<void> {
    if (this.file === undefined) await writeFile(destination, this.memory!);
    else await copyFile(this.file, destination);
  }
}
