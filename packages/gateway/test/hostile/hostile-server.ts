// The hostile suite's harness: the real reference server (serve(), port 0, captured logs) with an app
// that records every request it is handed, and a raw-socket client built on the bridge tests' rawExchange.
import type { App } from '../../src/index.js';
import type { RunningServer, ServeOptions } from '../../src/server/index.js';
import { serve } from '../../src/server/index.js';
import type { CapturedLogger, HttpApp } from '../node/helpers.js';
import { asApp, captureLogger, rawExchange } from '../node/helpers.js';

/** A reference server under attack: what its app was handed, what it logged and what it access-logged. */
export interface HostileServer {
  readonly server: RunningServer;
  readonly port: number;
  /** `METHOD path` of every request the app was called for, in order. */
  readonly seen: string[];
  readonly logger: CapturedLogger;
  readonly accessLines: string[];
  stop(): Promise<void>;
}

/** Answers `200 ok:<path>` after reading the whole body: a plain app for the attacks to aim at. */
export const echoPathApp: HttpApp = async (scope, receive, send) => {
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request' || !event.more) break;
  }
  const body = `ok:${scope.path}`;
  await send({
    type: 'http.response.start',
    status: 200,
    headers: [
      ['content-type', 'text/plain'],
      ['content-length', String(Buffer.byteLength(body))],
    ],
  });
  await send({ type: 'http.response.body', body });
};

/**
 * Serves `app` (by default {@link echoPathApp}) with `serve()` on 127.0.0.1:0, a captured logger and a
 * captured access log, recording each request the app is called for in `seen`.
 *
 * @example
 * ```ts
 * const target = await startHostileServer();
 * await target.stop();
 * ```
 */
export async function startHostileServer(
  app: HttpApp | App = echoPathApp,
  options: ServeOptions = {},
): Promise<HostileServer> {
  const seen: string[] = [];
  const accessLines: string[] = [];
  const logger = captureLogger();
  const inner = asApp(app as HttpApp);
  const recording: App = async (scope, receive, send) => {
    if (scope.type === 'http') seen.push(`${scope.method} ${scope.path}`);
    await inner(scope, receive, send);
  };
  const server = await serve(recording, {
    port: 0,
    logger,
    accessLog: (line) => accessLines.push(line),
    ...options,
  });
  return {
    server,
    port: server.address.port ?? 0,
    seen,
    logger,
    accessLines,
    stop: () => server.drain(),
  };
}

/** What a raw exchange got back: the first status (0 when none), the raw text, and whether it closed. */
export interface RawReply {
  readonly status: number;
  readonly text: string;
  readonly closed: boolean;
  /** How many responses (status lines) the bytes held. */
  readonly responses: number;
}

const STATUS_LINE = /HTTP\/1\.[01] (\d{3}) /g;

/**
 * Sends `bytes` on a fresh connection and waits until the server closes it, or (with `expectResponses`)
 * until that many complete responses arrived: a server that keeps the connection does not hang the test.
 *
 * @example
 * ```ts
 * const reply = await sendRaw(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', 1);
 * reply.status; // 200
 * ```
 */
export async function sendRaw(
  port: number,
  bytes: string | Uint8Array,
  expectResponses?: number,
): Promise<RawReply> {
  const until =
    expectResponses === undefined ? undefined : (text: string) => completeResponses(text) >= expectResponses;
  const { text, closed, socket } = await rawExchange(port, bytes, until);
  socket.destroy();
  const statuses = [...text.matchAll(STATUS_LINE)];
  return { status: Number(statuses[0]?.[1] ?? 0), text, closed, responses: statuses.length };
}

// Responses here carry a Content-Length (echoPathApp, Node's own refusals): count those fully received.
function completeResponses(text: string): number {
  let count = 0;
  let at = 0;
  for (;;) {
    const headEnd = text.indexOf('\r\n\r\n', at);
    if (headEnd === -1) return count;
    const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(at, headEnd))?.[1];
    const end = headEnd + 4 + Number(length ?? 0);
    if (text.length < end) return count;
    count += 1;
    at = end;
  }
}
