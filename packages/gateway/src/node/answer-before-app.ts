import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderList } from '../types.js';
import type { BridgeConfig, ResponseRecord } from './options.js';
import { answerPlain } from './plain-answer.js';

/**
 * Answers a request in the app's place before the app runs (a refused head, a body too large by its
 * `Content-Length`, `OPTIONS *`) and reports it to `onResponse`. `reason` (a refusal) goes to the
 * rejection log and closes the connection after the answer.
 *
 * @example
 * ```ts
 * answerBeforeApp(config, req, res, 413, 'Content-Length over 1048576 bytes');
 * ```
 */
export function answerBeforeApp(
  config: BridgeConfig,
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  reason: string | null,
): void {
  // A refused head closes the connection, as nginx does: what follows it on the wire is not trusted.
  if (reason !== null)
    config.rejections.record(req.socket.remoteAddress, status, reason, `${req.method} ${req.url}`);
  const bytes = answerPlain(res, status, reason !== null || config.drain?.draining === true);
  const onResponse = config.onResponse;
  // Answered at once: it started when it ended.
  if (onResponse !== undefined) {
    const now = performance.now();
    onResponse(new FinishedResponse(req, req.socket.remoteAddress, status, bytes, true, now, null));
  }
}

/** What `onResponse` gets: a class, as every per-request object of the bridge (see `RequestTarget`). */
export class FinishedResponse implements ResponseRecord {
  constructor(
    readonly request: IncomingMessage,
    readonly remoteAddress: string | undefined,
    readonly status: number | null,
    readonly bytes: number,
    readonly complete: boolean,
    readonly startedAt: number,
    readonly responseHeaders: HeaderList | null,
  ) {}
}
