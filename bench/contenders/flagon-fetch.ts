/**
 * Contender: the Flagon framework's bench app through `toFetchHandler` on `@hono/node-server`, the
 * server Hono runs on in `hono.ts`: the Fetch path, compared with Hono on the same server.
 */
import { getRequestListener, serve } from '@hono/node-server';
import { benchFetchHandler } from './fetch-handler.js';
import { benchApp } from './flagon-app.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

/** What @hono/node-server passes with each request: the Node message it made the Request from. */
interface NodeServerBindings {
  readonly incoming: { readonly rawHeaders: string[] };
}

// The headers read from Node's message as the docs show for this server (`getRawHeaders`): the
// Request's own `Headers` is built by node-server only when asked, at some cost.
const handler = await benchFetchHandler<NodeServerBindings>(benchApp, {
  getRawHeaders: (_request, bindings) => bindings?.incoming.rawHeaders ?? null,
});

/** What `serve` runs each request through. */
export const createListener = (): RequestListener => getRequestListener(handler);

if (runsAsServer(import.meta.url)) {
  serve({ fetch: handler, port: benchPort(), hostname: BENCH_HOST }, (info) => announceListening(info.port));
}
