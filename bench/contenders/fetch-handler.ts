/**
 * `toFetchHandler` as every Flagon Fetch contender runs it: lifespan started before the first request,
 * warnings only (as the reference server's contenders log), so logging costs nothing under load.
 */
import {
  type AnyFetchContext,
  type App,
  createLogger,
  type FetchHandler,
  type FetchHandlerOptions,
  toFetchHandler,
} from '@flagon/gateway';

/**
 * `app` as a Fetch handler, its lifespan started; `options` add the host's own readers.
 *
 * @example
 * ```ts
 * Bun.serve({ fetch: await benchFetchHandler(app) });
 * ```
 */
export async function benchFetchHandler<C = AnyFetchContext>(
  app: App,
  options: FetchHandlerOptions<C> = {},
): Promise<FetchHandler<C>> {
  const handler = toFetchHandler(app, { ...options, logger: createLogger('warn') });
  await handler.startup();
  return handler;
}
