// Shared by the limits, timeouts and request-head tests: the reference server with a captured logger.
import { afterEach } from 'vitest';
import type { RunningServer, ServeOptions } from '../../src/server/index.js';
import { serve } from '../../src/server/index.js';
import type { CapturedLogger, HttpApp } from '../node/helpers.js';
import { asApp, captureLogger } from '../node/helpers.js';

/** A served app, its port and what it logged. */
export interface LimitedServer {
  readonly server: RunningServer;
  readonly port: number;
  readonly logger: CapturedLogger;
  /** The logged lines that report a refused request or connection. */
  rejections(): string[];
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.drain().catch(() => {})));
});

/** Serves `app` on 127.0.0.1:0 with `options`, no access log, and a fresh captured logger. */
export async function serveLimited(app: HttpApp, options: ServeOptions = {}): Promise<LimitedServer> {
  const logger = captureLogger();
  const server = await serve(asApp(app), {
    port: 0,
    accessLog: false,
    logger,
    gracefulTimeout: 500,
    ...options,
  });
  running.push(server);
  return {
    server,
    port: server.address.port!,
    logger,
    rejections: () => logger.lines.filter((line) => / (rejected \d+|closed) from /.test(line)),
  };
}

/** Answers 200 with the path, query and body the app saw. */
export const echo: HttpApp = async (scope, receive, send) => {
  let body = '';
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    body += Buffer.from(event.body).toString('latin1');
    if (!event.more) break;
  }
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: `${scope.path} ${scope.queryString} ${body}` });
};
