/**
 * Runs a gateway app on Flagon's reference server the way both Flagon contenders need it: loopback,
 * the harness's port, no access log and warnings only, so logging costs nothing under load.
 */
import type { App } from '@flagon/gateway';
import { serve } from '@flagon/gateway/server';
import { announceListening, BENCH_HOST, benchPort } from './listening.js';

/**
 * Serves `app` and announces the port to the harness.
 *
 * @example
 * ```ts
 * await serveForBench(app);
 * ```
 */
export async function serveForBench(app: App): Promise<void> {
  const server = await serve(app, {
    host: BENCH_HOST,
    port: benchPort(),
    accessLog: false,
    logLevel: 'warn',
  });
  announceListening(Number(new URL(server.url).port));
}
