import type { Server } from 'node:http';
import { startLifespan } from '../lifespan.js';
import type { Address, App } from '../types.js';
import { handleProcessFaults } from './faults.js';
import { drainGracefully } from './graceful.js';
import { boundAddress, listen, listeningUrl } from './listen.js';
import type { ServeOptions } from './options.js';
import { resolveServeOptions } from './options.js';
import { createGatewayHandler } from './request-handler.js';
import { exitOnSignals } from './signals.js';
import type { StoppableServer } from './stoppable.js';

/** A server started by {@link serve}. */
export interface RunningServer extends StoppableServer {
  /** Where it listens, e.g. `http://127.0.0.1:8000` (the real port when asked for 0). */
  readonly url: string;
  readonly address: Address;
  /** Every address it listens on (`bind`), as URLs: `http://...` or `unix:/path`. */
  readonly urls: readonly string[];
  /** The underlying `node:http` server (the first one, with several `bind` addresses). */
  readonly httpServer: Server;
  /** One `node:http` server per `bind` address, all serving the app. */
  readonly httpServers: readonly Server[];
  /**
   * Stops gracefully (see `drainGracefully`), then runs the lifespan shutdown. Calling it again returns
   * the same promise; it rejects with `LifespanShutdownError` when the app's shutdown failed.
   * `keepIdleConnections: true` (what a worker does when it hands over to others) keeps idle keep-alive
   * connections for a request that may be on its way, up to the keep-alive timeout.
   */
  drain(options?: { readonly keepIdleConnections?: boolean }): Promise<void>;
}

/**
 * The reference server: runs the app's lifespan startup, then serves it over HTTP/1.1 on `node:http`.
 * Rejects with `LifespanStartupError` when startup fails (the port is never opened) or with the listen
 * error. Logs `Listening on <url>` once the port is open.
 *
 * @example
 * ```ts
 * import { serve } from '@flagon/gateway/server';
 *
 * const server = await serve(app, { port: 0 });
 * const response = await fetch(server.url);
 * await server.drain();
 * ```
 */
export async function serve(app: App, options: ServeOptions = {}): Promise<RunningServer> {
  const config = resolveServeOptions(options);
  const { logger } = config;
  // Startup runs before the port opens: a client can never reach an app that is not ready.
  const lifespan = await startLifespan(app, { logger });
  const gateway = createGatewayHandler(app, config, lifespan.state);
  const httpServers: Server[] = [];
  try {
    for (const target of config.bind) httpServers.push(await listen(gateway.handle, config, target));
  } catch (error) {
    for (const opened of httpServers) opened.close();
    await lifespan
      .shutdown()
      .catch((shutdownError: unknown) => logger.error('lifespan shutdown failed', shutdownError));
    throw error;
  }
  for (const each of httpServers) each.on('error', (error) => logger.error('server error', error));
  const httpServer = httpServers[0]!;
  const address = boundAddress(httpServer);
  const urls = httpServers.map(listeningUrl);
  const url = urls[0]!;

  let stopping: Promise<void> | null = null;
  let settleClosed!: (outcome: Promise<void>) => void;
  const closed = new Promise<void>((resolve) => {
    settleClosed = resolve;
  });
  // Observed here so a failed shutdown is the caller's to handle via drain(), never an unhandled rejection.
  closed.catch(() => {});
  const drain = (how: { readonly keepIdleConnections?: boolean } = {}): Promise<void> => {
    stopping ??= (async () => {
      await drainGracefully(httpServers, gateway.drain, { ...config, ...how });
      gateway.accessLog?.flush();
      await lifespan.shutdown();
      logger.info('Stopped');
    })();
    settleClosed(stopping);
    return stopping;
  };

  const running: RunningServer = { url, urls, address, httpServer, httpServers, drain, closed };
  // Handlers first, then the announcement: whoever reads it may signal at once.
  if (config.handleSignals) exitOnSignals(running, logger);
  if (config.handleFaults) handleProcessFaults(running, logger);
  for (const each of urls) logger.info(`Listening on ${each}`);
  return running;
}
