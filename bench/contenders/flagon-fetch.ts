/**
 * Contender: the Flagon framework's bench app through `toFetchHandler` on `@hono/node-server`, the
 * server Hono runs on in `hono.ts`: the Fetch path, compared with Hono on the same server.
 */
import { getRequestListener, serve } from '@hono/node-server';
import { benchFetchHandler } from './fetch-handler.js';
import { benchApp } from './flagon-app.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

const flagonFetch = await benchFetchHandler(benchApp);
// node-server passes its own bindings as the second argument, which are no FetchContext: the request only.
const handler = (request: Request) => flagonFetch(request);

/** What `serve` runs each request through. */
export const createListener = (): RequestListener => getRequestListener(handler);

if (runsAsServer(import.meta.url)) {
  serve({ fetch: handler, port: benchPort(), hostname: BENCH_HOST }, (info) => announceListening(info.port));
}
