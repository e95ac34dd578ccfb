/**
 * Contender: Hono's bench app (`hono-app.ts`) on `@hono/node-server`.
 */
import { getRequestListener, serve } from '@hono/node-server';
import { app } from './hono-app.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

/** What `serve` runs each request through. */
export const createListener = (): RequestListener => getRequestListener(app.fetch);

if (runsAsServer(import.meta.url)) {
  serve({ fetch: app.fetch, port: benchPort(), hostname: BENCH_HOST }, (info) =>
    announceListening(info.port),
  );
}
