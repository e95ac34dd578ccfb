/**
 * Runs a gateway app on Flagon's reference server the way both Flagon contenders need it: loopback,
 * the harness's port, no access log and warnings only, so logging costs nothing under load.
 */
import { type App, startLifespan } from '@flagon/gateway';
import { createGatewayHandler, resolveServeOptions, type ServeOptions, serve } from '@flagon/gateway/server';
import { announceListening, BENCH_HOST, benchPort, type RequestListener } from './listening.js';

const BENCH_SERVE_OPTIONS: ServeOptions = { host: BENCH_HOST, accessLog: false, logLevel: 'warn' };

/**
 * Serves `app` and announces the port to the harness.
 *
 * @example
 * ```ts
 * await serveForBench(app);
 * ```
 */
export async function serveForBench(app: App): Promise<void> {
  const server = await serve(app, { ...BENCH_SERVE_OPTIONS, port: benchPort() });
  announceListening(Number(new URL(server.url).port));
}

/**
 * The request listener `serveForBench` would run `app` with (lifespan started, same options), for the
 * in-process measurement.
 *
 * @example
 * ```ts
 * const listener = await gatewayListener(app);
 * ```
 */
export async function gatewayListener(app: App): Promise<RequestListener> {
  const options = resolveServeOptions(BENCH_SERVE_OPTIONS);
  const lifespan = await startLifespan(app, { logger: options.logger });
  return createGatewayHandler(app, options, lifespan.state).handle;
}
