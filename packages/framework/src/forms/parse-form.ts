import type { BusboyFileStream, BusboyInstance } from '@fastify/busboy';
import { Busboy } from '@fastify/busboy';
import { HTTPException } from '../errors.js';
import type { Cleanup } from '../features/request-feature.js';
import { mediaTypeOf } from '../http/media-type.js';
import type { FormValue } from './parsed-form.js';
import { ParsedForm } from './parsed-form.js';
import { spoolFile } from './spool-file.js';
import type { UploadLimitName, UploadSettings } from './upload-settings.js';
import { configKeyOf } from './upload-settings.js';
import type { UploadedFile } from './uploaded-file.js';

/** The media types {@link parseForm} reads. */
export const FORM_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);

/** The longest field name of a url-encoded form (multipart names are bounded by busboy's part-head limit). */
const MAX_NAME_SIZE = 1024;

/** What a form is parsed from: the request's headers and body, the limits, and who removes temp files. */
export interface FormSource {
  readonly contentType: string | null;
  readonly contentLength: string | null;
  /** The body's chunks, claimed only once the content type is known to be a form. */
  readonly body: () => AsyncIterable<Uint8Array>;
  readonly limits: UploadSettings;
  readonly deferCleanup: ((cleanup: Cleanup) => void) | undefined;
}

/**
 * Parses a url-encoded or multipart body as it streams in (@fastify/busboy), never holding the whole
 * body: fields in memory, files through {@link spoolFile}. Rejects with an `HTTPException`: 415 for
 * another content type, 413 past a size limit, 400 past a count limit or for a malformed body, each
 * message naming the limit (`uploads.maxFiles / MAX_FILES`).
 *
 * @example
 * ```ts
 * const form = await parseForm({ contentType, contentLength, body: () => chunks, limits, deferCleanup });
 * ```
 */
export async function parseForm(source: FormSource): Promise<ParsedForm> {
  const contentType = source.contentType ?? '';
  const type = mediaTypeOf(contentType);
  if (!FORM_MEDIA_TYPES.has(type))
    throw new HTTPException(415, `Expected a form body, got ${type || 'no content type'}`);
  const { limits } = source;
  const declared = Number(source.contentLength ?? undefined);
  if (declared > limits.maxSize) throw tooLarge('The form body', 'maxSize', limits.maxSize);
  const parser = createParser(contentType, limits);
  const run = new FormRun(parser, source);
  await run.feed(source.body());
  return run.finish();
}

function createParser(contentType: string, limits: UploadSettings): BusboyInstance {
  try {
    return Busboy({
      headers: { 'content-type': contentType },
      limits: {
        // One more than allowed, counted here: busboy's url-encoded parser drops the fields past its
        // limit without a word when they come in the same chunk, so the one too many must reach us.
        fields: limits.maxFields + 1,
        fieldSize: limits.maxFieldSize,
        files: limits.maxFiles + 1,
        fileSize: limits.maxFileSize,
        // Busboy cuts a longer url-encoded name (100 bytes by default) and flags it: refused above.
        fieldNameSize: MAX_NAME_SIZE,
      },
    });
  } catch (error) {
    // No boundary, or one that is too long: the body cannot be read.
    throw malformed(error);
  }
}

/** One parse: the entries as they come, the files being stored, and the first failure. */
class FormRun {
  private readonly entries: [string, FormValue | Promise<UploadedFile>][] = [];
  private readonly files = new Set<BusboyFileStream>();
  private failure: unknown;
  // Settles at the first failure: a write waiting on a file part nobody reads any more must not wait forever.
  private readonly failed: Promise<void>;
  private markFailed: () => void = () => {};
  private fieldCount = 0;
  private fileCount = 0;
  private readonly ended: Promise<void>;

  constructor(
    private readonly parser: BusboyInstance,
    private readonly source: FormSource,
  ) {
    const { limits } = source;
    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated)
        this.fail(new HTTPException(400, `A form field name is longer than ${MAX_NAME_SIZE} bytes`));
      else if (++this.fieldCount > limits.maxFields)
        this.fail(tooMany('form fields', 'maxFields', limits.maxFields));
      else if (valueTruncated)
        this.fail(tooLarge(`The form field "${name}"`, 'maxFieldSize', limits.maxFieldSize));
      else this.entries.push([name, value]);
    });
    parser.on('file', (name, stream, filename, _encoding, mimeType) => {
      if (++this.fileCount <= limits.maxFiles) return this.addFile(name, stream, filename, mimeType);
      this.fail(tooMany('files', 'maxFiles', limits.maxFiles));
      stream.resume();
    });
    this.failed = new Promise((resolve) => {
      this.markFailed = resolve;
    });
    this.ended = new Promise((resolve, reject) => {
      parser.on('finish', resolve);
      parser.on('error', reject);
    });
    // Handled here, so a parser error seen in `feed` is not also an unhandled rejection.
    this.ended.catch((error: unknown) => this.fail(malformed(error)));
  }

  /** Writes the body into the parser, a chunk at a time, each after the parser took the last. */
  async feed(body: AsyncIterable<Uint8Array>): Promise<void> {
    const { maxSize } = this.source.limits;
    let total = 0;
    try {
      for await (const chunk of body) {
        total += chunk.byteLength;
        if (total > maxSize) this.fail(tooLarge('The form body', 'maxSize', maxSize));
        if (this.failure !== undefined) break;
        await Promise.race([this.write(chunk), this.ended.catch(() => undefined), this.failed]);
        if (this.failure !== undefined) break;
      }
      if (this.failure === undefined) {
        this.parser.end();
        await this.ended.catch(() => undefined);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  /** The parsed form, or the first failure once every file is closed. */
  async finish(): Promise<ParsedForm> {
    if (this.failure !== undefined) {
      for (const stream of this.files) stream.destroy();
      await Promise.allSettled(this.entries.map(([, value]) => value));
      throw this.failure;
    }
    const entries: [string, FormValue][] = [];
    for (const [name, value] of this.entries)
      entries.push([name, value instanceof Promise ? await value : value]);
    if (this.failure !== undefined) throw this.failure;
    return new ParsedForm(entries);
  }

  private write(chunk: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.parser.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
  }

  private addFile(name: string, stream: BusboyFileStream, filename: string, mimeType: string): void {
    const { limits, deferCleanup } = this.source;
    this.files.add(stream);
    stream.on('limit', () =>
      this.fail(tooLarge(`The file "${filename}" (field "${name}")`, 'maxFileSize', limits.maxFileSize)),
    );
    const stored = spoolFile(stream, filename, mimeType || 'application/octet-stream', {
      threshold: limits.spoolThreshold,
      tempDir: limits.tempDir,
      deferCleanup,
    }).finally(() => this.files.delete(stream));
    // A failure is reported once, by `finish`; the disk error (full, unwritable) is the request's error.
    stored.catch((error: unknown) => this.fail(error));
    this.entries.push([name, stored]);
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.markFailed();
  }
}

function tooLarge(what: string, limit: UploadLimitName, value: number): HTTPException {
  return new HTTPException(
    413,
    `${what} is larger than ${value} bytes (uploads.${limit} / ${configKeyOf(limit)})`,
    {
      details: { limit, value },
    },
  );
}

function tooMany(what: string, limit: UploadLimitName, value: number): HTTPException {
  return new HTTPException(
    400,
    `Too many ${what}: more than ${value} (uploads.${limit} / ${configKeyOf(limit)})`,
    {
      details: { limit, value },
    },
  );
}

function malformed(error: unknown): HTTPException {
  if (error instanceof HTTPException) return error;
  return new HTTPException(400, `Malformed form body: ${(error as Error).message}`);
}
