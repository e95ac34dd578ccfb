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
  // The reason phrase given, not left to Node: a head it refused earlier (a CR/LF in a header) left
  // its own phrase behind, and the 500 went out as "500 OK".
  res.writeHead(status, body, [
    'content-type',
    'text/plain; charset=utf-8',
    'content-length',
    String(body.length),
  ]);
  res.end(body);
  return body.length;
}
