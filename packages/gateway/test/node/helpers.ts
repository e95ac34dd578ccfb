// Shared by the bridge and server tests: real sockets on 127.0.0.1, port 0.
import type { IncomingMessage, Server } from 'node:http';
import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';
import type { App, HttpReceive, HttpScope, HttpSend, Logger, NodeHandlerOptions } from '../../src/index.js';
import { createLogger, toNodeHandler } from '../../src/index.js';

/** A `toNodeHandler` server on an ephemeral port. */
export interface TestServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** A test app for http scopes only, typed so that `receive` and `send` need no narrowing. */
export type HttpApp = (scope: HttpScope, receive: HttpReceive, send: HttpSend) => Promise<void>;

/** Runs an {@link HttpApp} as a gateway app (it has no lifespan: it returns for that scope). */
export function asApp(app: HttpApp): App {
  return async (scope, receive, send) => {
    if (scope.type === 'http') await app(scope, receive as HttpReceive, send as HttpSend);
  };
}

/** Serves `app` through `http.createServer(toNodeHandler(app, options))` on 127.0.0.1:0. */
export async function listenWith(app: HttpApp, options?: NodeHandlerOptions): Promise<TestServer>;
export async function listenWith(app: App, options?: NodeHandlerOptions): Promise<TestServer>;
export async function listenWith(app: HttpApp | App, options: NodeHandlerOptions = {}): Promise<TestServer> {
  // toNodeHandler only ever calls an app with http scopes, so either kind of app can be wrapped.
  const server = createServer(toNodeHandler(asApp(app as HttpApp), { logger: captureLogger(), ...options }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A real logger (same format as production) whose output is kept for assertions. */
export interface CapturedLogger extends Logger {
  readonly lines: string[];
  text(): string;
}

export function captureLogger(level: 'debug' | 'info' = 'debug'): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger(level, (line) => lines.push(line));
  return { ...logger, lines, text: () => lines.join('') };
}

/**
 * Sends raw bytes and resolves with everything the server wrote until it closed (or `until` matched).
 * A string is sent as UTF-8; pass a `Uint8Array` for bytes no string spells (a TLS ClientHello).
 */
export function rawExchange(
  port: number,
  bytes: string | Uint8Array,
  until?: (received: string) => boolean,
): Promise<{ text: string; closed: boolean; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (until?.(text)) resolve({ text, closed: false, socket });
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closed: true, socket }));
  });
}

/** The outcome of a request whose response may be cut: what arrived, and whether it ended cleanly. */
export interface Outcome {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
  trailers: NodeJS.Dict<string>;
  /** True when the body ended properly (`end`); false when the connection was cut mid-response. */
  complete: boolean;
}

/**
 * GETs (or sends `body` with `method`) and reports whether the response completed or was cut.
 * `onArrival` is called once the server has the request: it is sent with `Expect: 100-continue`, which a
 * Node server answers as it hands the request to its handler.
 */
export function fetchOutcome(
  url: string,
  init: {
    method?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    onArrival?: () => void;
  } = {},
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const headers = init.onArrival ? { ...init.headers, expect: '100-continue' } : init.headers;
    const req = request(url, { method: init.method ?? 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      const report = (complete: boolean) =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          trailers: res.trailers,
          complete,
        });
      res.on('end', () => report(true));
      res.on('error', () => report(false));
      res.on('aborted', () => report(false));
    });
    req.on('error', reject);
    if (init.onArrival) req.once('continue', init.onArrival);
    req.end(init.body);
  });
}

/** A promise with its resolve function, for an app to wait on the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** Samples this process's RSS until stopped; reports the growth over the starting value. */
export function watchRss(intervalMs = 25): { stop(): number } {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak - start;
    },
  };
}

/** Polls `check` (every 10 ms, up to `timeoutMs`) for something that happens after a response. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`still not true after ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const MiB = 1024 * 1024;
