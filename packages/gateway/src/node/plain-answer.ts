import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';

/**
 * Writes a short text/plain response named after its status (`Bad Request`, `Internal Server Error`…);
 * returns the body's length. `close` ends the connection after it (the request body was not read).
 *
 * @example
 * ```ts
 * answerPlain(res, 413, true); // 413 "Payload Too Large", Connection: close
 * ```
 */
export function answerPlain(res: ServerResponse, status: number, close: boolean): number {
  const body = STATUS_CODES[status] ?? 'Error';
  if (close) res.shouldKeepAlive = false;
  res.writeHead(status, ['content-type', 'text/plain; charset=utf-8', 'content-length', String(body.length)]);
  res.end(body);
  return body.length;
}
