import type { HttpScope, HttpSend } from '@flagon/gateway/core';
import { headerValue } from '../../http/request-headers.js';
import type { Response } from '../../response.js';
import { FileBody } from '../../responses/file.js';
import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import { availableEncodings, canStream, compressWhole } from './codec.js';
import { isCompressible } from './compressible.js';
import { compressingSend, weakened } from './compressing-send.js';
import type { Encoding } from './negotiate.js';
import { chooseEncoding } from './negotiate.js';

/** Options of {@link compression}. */
export interface CompressionOptions {
  /** The codings offered, in the server's order of preference. Defaults to `['br', 'gzip', 'deflate']`. */
  encodings?: readonly Encoding[];
  /** Bodies smaller than this many bytes go out as they are. Defaults to 1024. */
  threshold?: number;
  /** Which `Content-Type`s to compress. Defaults to text, JSON, JavaScript, XML, SVG, WebAssembly. */
  filter?: (contentType: string | null) => boolean;
  /** zlib's level for gzip and deflate, 1 to 9. Defaults to 6 (zlib's own default). */
  level?: number;
  /** Brotli's quality, 0 to 11. Defaults to 4 (as @fastify/compress: 11 costs ~20x the CPU). */
  brotliQuality?: number;
}

const ENCODINGS: readonly Encoding[] = ['br', 'gzip', 'deflate'];

/**
 * Compresses responses with the best coding the client accepts (`Accept-Encoding` with q-values):
 * brotli, gzip or deflate. Bodies held whole are compressed at once (with their `Content-Length`),
 * streams and SSE as they stream (each chunk flushed), files read as they go out. Left alone: bodies under
 * `threshold`, types that are compressed already (images, archives) or have a `Content-Encoding`,
 * `Range` requests and 206 answers, and `Cache-Control: no-transform`. Compressible responses say
 * `Vary: Accept-Encoding`; a compressed one's ETag is made weak. Works on the whole app (404s, errors
 * and static files included), so it is refused on a blueprint.
 *
 * @example
 * ```ts
 * import { Flagon } from '@flagon/framework';
 * import { compression } from '@flagon/framework/compression';
 *
 * const app = new Flagon().use(compression({ threshold: 512 }));
 * app.get('/report', () => 'a long text...'.repeat(200));
 * ```
 */
export function compression(options: CompressionOptions = {}): Plugin {
  const settings = checkedOptions(options);
  return definePlugin({
    name: 'compression',
    global: true,
    setup(host) {
      host.withApp((app) => {
        // A request feature's close runs after every hook, on every answer (404s and errors too), just
        // before the response is sent: the last one to touch the body.
        app.addRequestFeature({
          name: 'compression',
          close: (c, response) => compress(c.scope, response, settings),
        });
      });
    },
  });
}

interface Settings {
  readonly encodings: readonly Encoding[];
  readonly threshold: number;
  readonly filter: (contentType: string | null) => boolean;
  readonly levels: { readonly level: number; readonly brotliQuality: number };
}

function checkedOptions(options: CompressionOptions): Settings {
  const encodings = options.encodings ?? ENCODINGS;
  for (const encoding of encodings) {
    if (!ENCODINGS.includes(encoding))
      throw new TypeError(`compression: unknown encoding ${JSON.stringify(encoding)} (br, gzip, deflate)`);
  }
  const threshold = options.threshold ?? 1024;
  if (!Number.isSafeInteger(threshold) || threshold < 0)
    throw new TypeError(`compression: threshold must be an integer >= 0, got ${threshold}`);
  const level = options.level ?? 6;
  if (!Number.isInteger(level) || level < 1 || level > 9)
    throw new TypeError(`compression: level must be an integer from 1 to 9, got ${level}`);
  const brotliQuality = options.brotliQuality ?? 4;
  if (!Number.isInteger(brotliQuality) || brotliQuality < 0 || brotliQuality > 11)
    throw new TypeError(`compression: brotliQuality must be an integer from 0 to 11, got ${brotliQuality}`);
  return { encodings, threshold, filter: options.filter ?? isCompressible, levels: { level, brotliQuality } };
}

function compress(scope: HttpScope, response: Response, settings: Settings): void | Promise<void> {
  const headers = response.headers;
  const status = response.status;
  if (status < 200 || status === 204 || status === 206 || status === 304) return;
  if (headers.has('content-encoding') || headers.has('content-range')) return;
  if (/(?:^|,)\s*no-transform\s*(?:,|$)/i.test(headers.get('cache-control') ?? '')) return;
  if (!settings.filter(headers.get('content-type'))) return;
  varyByAcceptEncoding(response);
  const body = response.body;
  // A file asked by range is answered by range, on the identity bytes (the ranges the client computed).
  if (body instanceof FileBody && headerValue(scope.headers, 'range') !== null) return;
  const offered = availableEncodings(settings.encodings);
  const encoding = chooseEncoding(headerValue(scope.headers, 'accept-encoding'), offered);
  if (encoding === null || body === null) return;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    if (bytes.byteLength < settings.threshold) return;
    const compressed = compressWhole(encoding, bytes, settings.levels);
    if (compressed instanceof Uint8Array) return encodeWhole(response, encoding, compressed);
    return compressed.then((bytes) => encodeWhole(response, encoding, bytes));
  }
  if (!canStream()) return;
  if (body instanceof FileBody && body.length !== undefined && body.length < settings.threshold) return;
  const plan = { encoding, levels: settings.levels, threshold: settings.threshold };
  const sendAsIs = response.send;
  const fileless = body instanceof FileBody;
  // Decided again once the response starts: a file's 304 or 206 is only known then.
  response.send = (scope: HttpScope, send: HttpSend) =>
    sendAsIs.call(response, fileless ? withoutFileEvents(scope) : scope, compressingSend(scope, send, plan));
}

/** The response's body replaced by its compressed bytes (whose length the response announces). */
function encodeWhole(response: Response, encoding: Encoding, compressed: Uint8Array): void {
  const headers = response.headers;
  response.body = compressed;
  headers.delete('content-length');
  headers.delete('accept-ranges');
  headers.set('content-encoding', encoding);
  const etag = headers.get('etag');
  if (etag !== null) headers.set('etag', weakened(etag));
}

function varyByAcceptEncoding(response: Response): void {
  const vary = response.headers.get('vary');
  if (vary !== null && /(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(vary)) return;
  response.headers.append('vary', 'Accept-Encoding');
}

/** `scope` with no `file` extension: a file body is then read in chunks, which can be compressed. */
function withoutFileEvents(scope: HttpScope): HttpScope {
  const { file: _file, ...extensions } = scope.extensions;
  // A proxy, not a copy: a server's scope may compute its fields in getters over private state.
  return new Proxy(scope, {
    get: (target, name) => (name === 'extensions' ? extensions : Reflect.get(target, name, target)),
  });
}
