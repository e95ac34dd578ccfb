import type { Encoding } from './negotiate.js';

// node:zlib through `process.getBuiltinModule` (Node, Bun, Deno have it) for brotli and per-chunk flush;
// else the Web `CompressionStream` (gzip and deflate, whole bodies only). Never a static node: import:
// the framework must load anywhere.

/** The parts of node:zlib used here. */
interface ZlibStream {
  write(chunk: Uint8Array): boolean;
  flush(kind: number, callback: () => void): void;
  end(): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): this;
  once(event: 'end' | 'error', listener: (error?: Error) => void): this;
  destroy(): void;
}
interface NodeZlib {
  constants: Record<string, number>;
  gzipSync(data: Uint8Array, options: object): Uint8Array;
  deflateSync(data: Uint8Array, options: object): Uint8Array;
  brotliCompressSync(data: Uint8Array, options: object): Uint8Array;
  createGzip(options: object): ZlibStream;
  createDeflate(options: object): ZlibStream;
  createBrotliCompress(options: object): ZlibStream;
}

/** How hard to compress: zlib's level for gzip and deflate, brotli's quality. */
export interface CodecLevels {
  readonly level: number;
  readonly brotliQuality: number;
}

const runtimeProcess = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
const nodeZlib = runtimeProcess?.getBuiltinModule?.('node:zlib') as NodeZlib | undefined;
let zlib = nodeZlib;

/**
 * @internal Chooses the codec (tests): node:zlib when available and `preferNode`, else `CompressionStream`
 * only, as on a runtime without node:zlib. Returns whether node:zlib is now used.
 *
 * @example
 * ```ts
 * useNodeZlib(false); // gzip and deflate of whole bodies only, through CompressionStream
 * ```
 */
export function useNodeZlib(preferNode: boolean): boolean {
  zlib = preferNode ? nodeZlib : undefined;
  return zlib !== undefined;
}

/**
 * The codings this runtime can produce, of `wanted`: all three with node:zlib, gzip and deflate with
 * `CompressionStream` alone.
 *
 * @example
 * ```ts
 * availableEncodings(['br', 'gzip']); // ['br', 'gzip'] on Node, ['gzip'] elsewhere
 * ```
 */
export function availableEncodings(wanted: readonly Encoding[]): Encoding[] {
  if (zlib !== undefined) return [...wanted];
  if (typeof CompressionStream !== 'function') return [];
  return wanted.filter((encoding) => encoding !== 'br');
}

/** True when streamed bodies can be compressed chunk by chunk (node:zlib's flush). */
export function canStream(): boolean {
  return zlib !== undefined;
}

function zlibOptions(z: NodeZlib, encoding: Encoding, levels: CodecLevels): object {
  if (encoding !== 'br') return { level: levels.level };
  return {
    params: {
      [z.constants.BROTLI_PARAM_QUALITY!]: levels.brotliQuality,
      [z.constants.BROTLI_PARAM_MODE!]: z.constants.BROTLI_MODE_TEXT!,
    },
  };
}

/**
 * `bytes` compressed whole with `encoding`: synchronously with node:zlib, through `CompressionStream`
 * otherwise.
 *
 * @example
 * ```ts
 * const gz = await compressWhole('gzip', new TextEncoder().encode('hello'), { level: 6, brotliQuality: 4 });
 * ```
 */
export function compressWhole(
  encoding: Encoding,
  bytes: Uint8Array,
  levels: CodecLevels,
): Uint8Array | Promise<Uint8Array> {
  const z = zlib;
  if (z !== undefined) {
    const options = zlibOptions(z, encoding, levels);
    if (encoding === 'br') return z.brotliCompressSync(bytes, options);
    return encoding === 'gzip' ? z.gzipSync(bytes, options) : z.deflateSync(bytes, options);
  }
  if (encoding === 'br') throw new Error('brotli needs node:zlib');
  const compressed = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream(encoding));
  return new globalThis.Response(compressed).arrayBuffer().then((buffer) => new Uint8Array(buffer));
}

/** Compresses a body chunk by chunk, each chunk's output flushed so the client can read it at once. */
export interface StreamEncoder {
  /** The compressed form of `chunk`, flushed (a sync flush: the stream goes on). */
  push(chunk: Uint8Array): Promise<Uint8Array>;
  /** The rest of the stream, ended (the coding's trailer). */
  finish(): Promise<Uint8Array>;
  /** Lets go of the encoder when the body stops early. */
  close(): void;
}

/**
 * A {@link StreamEncoder} for `encoding` (node:zlib only: check {@link canStream} first).
 *
 * @example
 * ```ts
 * const encoder = streamEncoder('gzip', { level: 6, brotliQuality: 4 });
 * await encoder.push(new TextEncoder().encode('data: 1\n\n')); // readable by the client at once
 * ```
 */
export function streamEncoder(encoding: Encoding, levels: CodecLevels): StreamEncoder {
  const z = zlib;
  if (z === undefined) throw new Error('Streamed compression needs node:zlib');
  const options = zlibOptions(z, encoding, levels);
  const stream =
    encoding === 'br'
      ? z.createBrotliCompress(options)
      : encoding === 'gzip'
        ? z.createGzip(options)
        : z.createDeflate(options);
  const flushKind = encoding === 'br' ? z.constants.BROTLI_OPERATION_FLUSH! : z.constants.Z_SYNC_FLUSH!;
  let output: Uint8Array[] = [];
  let failure: Error | undefined;
  stream.on('data', (chunk) => output.push(chunk));
  stream.once('error', (error) => {
    failure = error;
  });
  const take = (): Uint8Array => {
    if (failure !== undefined) throw failure;
    const taken = output.length === 1 ? output[0]! : concat(output);
    output = [];
    return taken;
  };
  return {
    push(chunk) {
      return new Promise<void>((resolve) => {
        stream.write(chunk);
        // The flush's callback runs once its output went out as 'data' (the stream is flowing).
        stream.flush(flushKind, resolve);
      }).then(take);
    },
    finish() {
      return new Promise<void>((resolve) => {
        stream.once('end', () => resolve());
        stream.once('error', () => resolve());
        stream.end();
      }).then(take);
    },
    close() {
      stream.destroy();
    },
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const joined = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
}
