import type { HeaderList, HttpResponseStartEvent } from '../types.js';

/** What building a head needs to know of its request and connection. */
export interface HeadContext {
  /** The request's method: a HEAD answer's empty body says nothing of the resource's length. */
  readonly requestMethod: string | undefined;
  /** Whether the response can be chunked, as trailers need. */
  canChunk(status: number): boolean;
  /** Hears each `content-length` the app set itself (kept as the body's framing). */
  declareLength(value: string): void;
}

const KEEP = 0;
const DROP = 1;
const FRAMES = 2;
const DECLARES = 3;
type HeaderVerdict = typeof KEEP | typeof DROP | typeof FRAMES | typeof DECLARES;

const NO_HEADERS: HeaderList = [];

/**
 * The flat `[name, value, ...]` list that `writeHead` gets for `start`: the app's headers, less those
 * that cannot go out (a Content-Length beside trailers, a Trailer on a response that cannot be chunked),
 * plus a Content-Length from `whole` (the entire body, or its length, when known) unless the app framed
 * the body itself. A Content-Length the app set goes to `context.declareLength`, for the writer to hold
 * the body to it. No I/O: the writer does that.
 *
 * @example
 * ```ts
 * headLines({ type: 'http.response.start', status: 200 }, 'hi', writer); // ['content-length', '2']
 * ```
 */
export function headLines(
  start: HttpResponseStartEvent,
  whole: string | Uint8Array | number | null,
  context: HeadContext,
): string[] {
  const trailers = start.trailers === true;
  const headers = start.headers ?? NO_HEADERS;
  // First what to drop and whether the app framed the body, then one list of the exact size: every
  // response goes through here, and both pushing onto [] and trimming an array cost more than a scan.
  let framed = false;
  let dropped = 0;
  for (let i = 0; i < headers.length; i++) {
    const verdict = headerVerdict(headers[i]![0], trailers, start.status, context);
    if (verdict === DROP) dropped++;
    else if (verdict === FRAMES) framed = true;
    else if (verdict === DECLARES) {
      framed = true;
      context.declareLength(headers[i]![1]);
    }
  }
  const length = whole === null || framed ? null : lengthOf(whole, start.status, context.requestMethod);
  const flat = new Array<string>(2 * (headers.length - dropped) + (length === null ? 0 : 2));
  let size = 0;
  for (let i = 0; i < headers.length; i++) {
    const pair = headers[i]!;
    if (dropped > 0 && headerVerdict(pair[0], trailers, start.status, context) === DROP) continue;
    flat[size++] = pair[0];
    flat[size++] = pair[1];
  }
  if (length !== null) {
    flat[size++] = 'content-length';
    flat[size] = length;
  }
  return flat;
}

/**
 * The byte length of a body: a string's as UTF-8, a length as is.
 *
 * @example
 * ```ts
 * byteLengthOf('café'); // 5
 * ```
 */
export function byteLengthOf(body: string | Uint8Array | number): number {
  if (typeof body === 'number') return body;
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

/**
 * The Content-Length for a body known whole, or `null` where the body is not what it would describe:
 * none on a 204 or 304 (RFC 9110 §8.6), and none from a HEAD answer's empty body (the app that knows
 * the resource's length sends it itself; one that sends the full body on HEAD gets its length).
 */
function lengthOf(
  whole: string | Uint8Array | number,
  status: number,
  method: string | undefined,
): string | null {
  if (status === 204 || status === 304) return null;
  const length = byteLengthOf(whole);
  return length === 0 && method === 'HEAD' ? null : String(length);
}

/** What the head does with a header: keep it, drop it, or keep it as the body's framing (or its length). */
function headerVerdict(name: string, trailers: boolean, status: number, context: HeadContext): HeaderVerdict {
  // Only three names matter; their lengths spare the lowercasing of every other header.
  if (name.length !== 14 && name.length !== 17 && name.length !== 7) return KEEP;
  const lower = name.toLowerCase();
  // With trailers the body is chunked instead, or the trailers could not follow.
  if (lower === 'content-length') return trailers ? DROP : DECLARES;
  if (lower === 'transfer-encoding') return FRAMES;
  if (lower === 'trailer' && !context.canChunk(status)) return DROP;
  return KEEP;
}
