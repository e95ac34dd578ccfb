import type { HeaderList, HttpScope, HttpSend, HttpSendEvent } from '@flagon/gateway/core';
import { ResponseChunk, ResponseStart } from '../../responses/events.js';
import type { CodecLevels, StreamEncoder } from './codec.js';
import { streamEncoder } from './codec.js';
import type { Encoding } from './negotiate.js';

const EMPTY = new Uint8Array(0);

/** What decides, once the response starts, whether a streamed body is compressed. */
export interface StreamPlan {
  readonly encoding: Encoding;
  readonly levels: CodecLevels;
  /** Bodies announced shorter than this (`Content-Length`) go out as they are. */
  readonly threshold: number;
}

/**
 * A `send` that compresses a streamed body (a stream, SSE, a file read in chunks) on its way to `send`:
 * decided on the start event, once the status is final (a file's `304` or `206` is known only then), each
 * body event compressed and flushed as it comes, so an SSE client reads each event at once. A `HEAD`
 * gets the same headers as its GET and no body.
 *
 * @example
 * ```ts
 * await response.send(scope, compressingSend(scope, send, { encoding: 'gzip', levels, threshold: 1024 }));
 * ```
 */
export function compressingSend(scope: HttpScope, send: HttpSend, plan: StreamPlan): HttpSend {
  let encoder: StreamEncoder | undefined;
  let compressing = false;
  // Events are handled one after another: a compressed chunk must not overtake the one before it.
  let queue: Promise<void> = Promise.resolve();
  const stop = (): void => encoder?.close();

  const handle = async (event: HttpSendEvent): Promise<void> => {
    if (event.type === 'http.response.start') {
      compressing = worthCompressing(event.status, event.headers ?? [], plan.threshold);
      if (!compressing) return send(event);
      if (scope.method !== 'HEAD') {
        encoder = streamEncoder(plan.encoding, plan.levels);
        scope.signal.addEventListener('abort', stop, { once: true });
      }
      return send(new ResponseStart(event.status, encodedHeaders(event.headers ?? [], plan.encoding)));
    }
    if (!compressing || encoder === undefined || event.type !== 'http.response.body') return send(event);
    const body = event.body ?? EMPTY;
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    try {
      if (event.more === true) {
        if (bytes.byteLength === 0) return;
        return await send(new ResponseChunk(await encoder.push(bytes), true));
      }
      const last = bytes.byteLength === 0 ? undefined : await encoder.push(bytes);
      const trailer = await encoder.finish();
      scope.signal.removeEventListener('abort', stop);
      if (last !== undefined) await send(new ResponseChunk(last, true));
      return await send(new ResponseChunk(trailer, false));
    } catch (error) {
      stop();
      throw error;
    }
  };
  return (event) => {
    const handled = queue.then(() => handle(event));
    queue = handled.catch(() => undefined);
    return handled;
  };
}

/** A start whose body may be compressed: a full (not partial) answer, not announced below the threshold. */
function worthCompressing(status: number, headers: HeaderList, threshold: number): boolean {
  if (status < 200 || status === 204 || status === 206 || status === 304 || status === 416) return false;
  let length: string | undefined;
  for (const [name, value] of headers) {
    if (name === 'content-range' || name === 'content-encoding') return false;
    if (name === 'content-length') length = value;
  }
  return length === undefined || Number(length) >= threshold;
}

/**
 * The start's headers for a body sent with `encoding`: its coding named, no length (the compressed one
 * is not known before the end), no `Accept-Ranges` (ranges of the coded body are not offered, as nginx's
 * gzip does), and a strong ETag made weak (the bytes differ from the identity body's).
 */
function encodedHeaders(headers: HeaderList, encoding: Encoding): HeaderList {
  const out: [string, string][] = [];
  for (const [name, value] of headers) {
    if (name === 'content-length' || name === 'accept-ranges') continue;
    out.push([name, name === 'etag' ? weakened(value) : value]);
  }
  out.push(['content-encoding', encoding]);
  return out;
}

/**
 * `etag` as a weak validator: the compressed body is not byte-for-byte the identity one.
 *
 * @example
 * ```ts
 * weakened('"abc"'); // 'W/"abc"'
 * ```
 */
export function weakened(etag: string): string {
  return etag.startsWith('W/') ? etag : `W/${etag}`;
}
