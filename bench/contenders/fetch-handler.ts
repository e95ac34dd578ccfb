/**
 * `toFetchHandler` as every Flagon Fetch contender runs it: lifespan started before the first request,
 * warnings only (as the reference server's contenders log), so logging costs nothing under load.
 */
import { type App, createLogger, type FetchHandler, toFetchHandler } from '@flagon/gateway';

/**
 * `app` as a Fetch handler, its lifespan started.
 *
 * @example
 * ```ts
 * Bun.serve({ fetch: await benchFetchHandler(app) });
 * ```
 */
export async function benchFetchHandler(app: App): Promise<FetchHandler> {
  const handler = toFetchHandler(app, { logger: createLogger('warn') });
  await handler.startup();
  return handler;
}
