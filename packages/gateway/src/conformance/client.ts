import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { connect as netConnect } from 'node:net';

/** A request as the check clients send it. */
export interface ClientRequestOptions {
  readonly method?: string;
  /** The request target, e.g. `/a%20b?x=1`; default `/`. */
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

/** A raw connection to the server that keeps every byte it receives. */
export interface RawConnection {
  readonly socket: Socket;
  write(text: string): void;
  /** Resolves once the bytes received so far contain `text`. */
  received(text: string): Promise<void>;
  /** Resolves with every byte received, once the connection closed (either side). */
  readonly closed: Promise<Buffer>;
}

/** A response read to its end (or to the cut), through `node:http`. */
export interface HttpExchange {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Header names and values as received, in order. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly trailers: NodeJS.Dict<string>;
  /** False when the connection ended before the message framing did: a truncated response. */
  readonly complete: boolean;
  /** Informational (1xx) responses before the final one, e.g. `103 Early Hints`. */
  readonly informational: ReadonlyArray<{ readonly status: number; readonly headers: IncomingHttpHeaders }>;
}

/** What a server sent on a raw connection until it closed it. */
export interface RawExchange {
  /** Every byte received. */
  readonly bytes: Buffer;
  /** The final (non-1xx) status, or 0 when no full response head arrived. */
  readonly status: number;
  /** The final response's headers, names lowercased, in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** The bytes after the final response head, as sent (not de-chunked). */
  readonly body: Buffer;
}

/**
 * The HTTP clients checks talk to a server with: `node:http` where it can observe the behaviour (status,
 * headers, trailers, 1xx, a cut message) and raw `node:net` sockets where exact bytes matter (header
 * case, HTTP/1.0, a body after HEAD, a client that walks away). Everything it opens is destroyed by
 * {@link CheckClient.closeAll}.
 *
 * @example
 * ```ts
 * const client = new CheckClient(signal);
 * const res = await client.request(url, { method: 'POST', path: '/echo', body: 'hi' });
 * client.closeAll();
 * ```
 */
export class CheckClient {
  readonly #open = new Set<{ destroy(): unknown }>();

  constructor(private readonly signal: AbortSignal) {}

  /** Sends one request on its own connection and reads the response to its end or its cut. */
  request(base: string, options: ClientRequestOptions = {}): Promise<HttpExchange> {
    const { request, response } = this.open(base, options);
    request.end(options.body);
    const informational: Array<{ status: number; headers: IncomingHttpHeaders }> = [];
    request.on('information', (info) =>
      informational.push({ status: info.statusCode, headers: info.headers }),
    );
    return response.then(
      (res) =>
        new Promise<HttpExchange>((resolve) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', () => {}); // a cut response: 'close' reports it through `complete`
          res.on('close', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              rawHeaders: res.rawHeaders,
              body: Buffer.concat(chunks),
              trailers: res.trailers,
              complete: res.complete,
              informational,
            }),
          );
        }),
    );
  }

  /**
   * Opens a request without ending it, for checks that stream the body or read the response chunk by
   * chunk; `response` resolves at the response head.
   */
  open(
    base: string,
    options: ClientRequestOptions = {},
  ): { request: ClientRequest; response: Promise<IncomingMessage> } {
    const { hostname, port } = new URL(base);
    const request = httpRequest({
      host: unbracket(hostname),
      port,
      method: options.method ?? 'GET',
      path: options.path ?? '/',
      headers: options.headers,
      agent: false,
      signal: this.signal,
    });
    this.#track(request);
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      request.once('response', resolve);
      request.once('error', reject);
    });
    response.catch(() => {}); // observed by the caller when it awaits; never an unhandled rejection meanwhile
    return { request, response };
  }

  /** Opens a raw TCP connection to the server. */
  connect(base: string): Promise<Socket> {
    const { hostname, port } = new URL(base);
    return new Promise((resolve, reject) => {
      const socket = netConnect({ host: unbracket(hostname), port: Number(port) });
      this.#track(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  /** Opens a raw connection that collects what the server sends; see {@link RawConnection}. */
  async connection(base: string): Promise<RawConnection> {
    const socket = await this.connect(base);
    const chunks: Buffer[] = [];
    const arrivals = new Set<() => void>();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      for (const arrival of arrivals) arrival();
    });
    socket.on('error', () => {}); // a reset after the response still leaves the bytes to look at
    const closed = new Promise<Buffer>((resolve) =>
      socket.once('close', () => resolve(Buffer.concat(chunks))),
    );
    return {
      socket,
      write: (text) => socket.write(text),
      received: (text) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (!Buffer.concat(chunks).includes(text)) return;
            arrivals.delete(check);
            resolve();
          };
          arrivals.add(check);
          check();
        }),
      closed,
    };
  }

  /** Writes `text` on a new connection and collects what the server sends until it closes the connection. */
  async raw(base: string, text: string): Promise<RawExchange> {
    const connection = await this.connection(base);
    connection.write(text);
    return parseRawResponse(await connection.closed);
  }

  /** Destroys every request and socket this client opened. */
  closeAll(): void {
    for (const handle of this.#open) handle.destroy();
    this.#open.clear();
  }

  #track(handle: ClientRequest | Socket): void {
    this.#open.add(handle);
    handle.once('close', () => this.#open.delete(handle));
  }
}

/**
 * An HTTP/1.1 request head for a raw connection, with a `Host` header and any `headerLines` as written.
 *
 * @example
 * ```ts
 * connection.write(requestHead('GET', '/a', ['Connection: close']));
 * ```
 */
export function requestHead(method: string, path: string, headerLines: readonly string[] = []): string {
  return [`${method} ${path} HTTP/1.1`, 'Host: conformance.test', ...headerLines, '', ''].join('\r\n');
}

/**
 * Splits raw response bytes into the final status, its headers and the body bytes (skipping 1xx heads).
 *
 * @example
 * ```ts
 * parseRawResponse(Buffer.from('HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n')).status; // 204
 * ```
 */
export function parseRawResponse(bytes: Buffer): RawExchange {
  let offset = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', offset);
    if (end < 0) return { bytes, status: 0, headers: [], body: Buffer.alloc(0) };
    const [statusLine = '', ...lines] = bytes.subarray(offset, end).toString('latin1').split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    offset = end + 4;
    if (status >= 100 && status < 200) continue;
    const headers = lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    });
    return { bytes, status, headers, body: bytes.subarray(offset) };
  }
}

/**
 * Decodes a `Transfer-Encoding: chunked` body; throws when the final (zero-size) chunk is missing.
 *
 * @example
 * ```ts
 * decodeChunked(Buffer.from('2\r\nhi\r\n0\r\n\r\n')).toString(); // "hi"
 * ```
 */
export function decodeChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) throw new Error('chunked body ended without its final chunk');
    const size = Number.parseInt(body.subarray(offset, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) throw new Error('chunked body has a malformed chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

/**
 * The value of the first header named `name` (lowercase) in a raw header list.
 *
 * @example
 * ```ts
 * headerOf(parseRawResponse(bytes).headers, 'connection'); // "close"
 * ```
 */
export function headerOf(headers: RawExchange['headers'], name: string): string | undefined {
  return headers.find(([key]) => key === name)?.[1];
}

// URL keeps IPv6 hosts in brackets; sockets want them bare.
function unbracket(hostname: string): string {
  return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
}
