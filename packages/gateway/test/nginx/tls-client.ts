// A client for nginx's TLS port in the tests: trusts the test's self-signed certificate, reads an
// event stream as it arrives, streams a large upload with back-pressure.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';

/** A response read in full. */
export interface TextResponse {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * Sends one request over TLS (a new connection), trusting `ca`, and reads the response in full.
 *
 * @example
 * ```ts
 * const { status, body } = await tlsRequest(`${nginx.url}/whoami`, nginx.ca);
 * ```
 */
export function tlsRequest(
  url: string,
  ca: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<TextResponse> {
  return new Promise((resolve, reject) => {
    request(url, { ca, method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end(init.body);
  });
}

/** An event stream being read: what arrived first, and whether the response has ended since. */
export interface OpenStream {
  readonly status: number;
  /** The first chunk of the body, or a line saying none came within `waitMs`. */
  readonly first: string;
  /** True once the response ended (the app or a proxy closed it). */
  ended(): boolean;
  /** Leaves: the app sees its client go. */
  close(): void;
}

/**
 * GETs an event stream and waits for its first chunk, at most `waitMs` (a buffering proxy would hold it
 * back until the stream ends, which this app's stream never does on its own).
 */
export function openEventStream(url: string, ca: string, waitMs = 5_000): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let ended = false;
    const answer = (first: string) => {
      clearTimeout(timer);
      resolve({ status, first, ended: () => ended, close: () => req.destroy() });
    };
    // From the request on: a buffering proxy holds back the response head too.
    const timer = setTimeout(() => answer(`(nothing within ${waitMs} ms)`), waitMs);
    const req = request(url, { ca, agent: false }, (res) => {
      status = res.statusCode ?? 0;
      res.on('end', () => {
        ended = true;
      });
      res.on('error', () => {});
      res.setEncoding('utf8').once('data', answer);
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

/** What an upload sent, and what came back. */
export interface UploadResult {
  readonly sent: { bytes: number; sha256: string };
  readonly response: TextResponse;
}

/**
 * POSTs `chunks` × 64 KiB of varied bytes, chunked (no length known up front), writing only as fast as
 * the connection takes them.
 */
export function streamUpload(url: string, ca: string, chunks: number): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const req = request(url, { ca, method: 'POST', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({
          sent: { bytes, sha256: hash.digest('hex') },
          response: { status: res.statusCode ?? 0, headers: res.headers, body },
        }),
      );
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024);
    const write = (index: number): void => {
      for (let i = index; i < chunks; i++) {
        chunk.writeUInt32BE(i, (i % 16_384) * 4); // no two chunks alike
        const copy = Buffer.from(chunk);
        hash.update(copy);
        bytes += copy.byteLength;
        if (!req.write(copy)) {
          req.once('drain', () => write(i + 1));
          return;
        }
      }
      req.end();
    };
    write(0);
  });
}
