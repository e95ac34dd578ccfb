import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../logger.js';
import { rejectionLogFor } from '../node/rejection-log.js';

/** Node's parser error codes, and what each one answers and logs. */
const ANSWERS: Record<string, readonly [status: number, reason: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'request head larger than maxHeaderSize'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request head (or body) not received within its timeout'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'chunk extensions too large'],
  HPE_INVALID_TRANSFER_ENCODING: [400, 'Transfer-Encoding whose last coding is not chunked'],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, 'both Content-Length and Transfer-Encoding'],
  HPE_INVALID_CONTENT_LENGTH: [400, 'invalid Content-Length'],
};
/** A client that went away: nothing to answer, and not worth a warning. */
const GONE = new Set(['ECONNRESET', 'EPIPE', 'HPE_INVALID_EOF_STATE']);

/**
 * Handles what `node:http` refuses before a request reaches the bridge (a malformed head, a head too
 * large, a head or request not received within its timeout, a connection over `maxConnections`):
 * answers as Node would (400, 408, 413, 431, then closes), and logs each one with the peer's address
 * and the reason through the rate-limited rejection log. Unlike Node, it also answers a bad second
 * request on a keep-alive connection, and it logs nothing for a client that simply went away.
 *
 * @example
 * ```ts
 * const server = http.createServer(toNodeHandler(app, { logger }));
 * reportClientErrors(server, logger);
 * ```
 */
export function reportClientErrors(server: Server, logger: Logger): void {
  const rejections = rejectionLogFor(logger);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const code = error.code ?? '';
    // Not writable: the server is closing it already (after a refusal the bridge logged), and the
    // parser tripped on what the client sent after it.
    if (GONE.has(code) || !socket.writable) {
      logger.debug(`connection from ${socket.remoteAddress ?? 'unknown peer'} ended: ${code}`);
      socket.destroy();
      return;
    }
    const [status, reason] = ANSWERS[code] ?? [400, `malformed request (${code || error.message})`];
    const answer = canAnswer(socket);
    rejections.record(socket.remoteAddress, answer ? status : null, reason);
    // Written and destroyed at once, as Node does: ending gracefully would wait on a client that may
    // never read nor close (the very client a timeout is for).
    if (answer) socket.write(plainResponse(status));
    socket.destroy();
  });
  server.on('drop', (peer?: { remoteAddress?: string }) => {
    rejections.record(peer?.remoteAddress, null, `over maxConnections (${server.maxConnections})`);
  });
}

// No response of the connection's current request started (Node's own rule only answers on a
// connection that never wrote a byte, so a bad second keep-alive request got no answer).
function canAnswer(socket: Socket): boolean {
  const current = (socket as Socket & { _httpMessage?: { headersSent: boolean } | null })._httpMessage;
  return current == null ? true : !current.headersSent;
}

function plainResponse(status: number): string {
  const body = STATUS_CODES[status] ?? 'Error';
  return (
    `HTTP/1.1 ${status} ${body}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
    `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`
  );
}
