import { DrainController } from '../node/drain.js';
import type { ResponseRecord } from '../node/options.js';
import type { NodeGatewayHandler } from '../node/to-node-handler.js';
import { toNodeHandler } from '../node/to-node-handler.js';
import type { App } from '../types.js';
import type { AccessLog } from './access-log.js';
import { createAccessLog } from './access-log.js';
import { withProxyHeaders } from './forwarded-scope.js';
import type { ResolvedServeOptions } from './options.js';
import { disablePretenuring } from './pretenuring.js';
import { loggedClient } from './proxy-headers.js';

/** Everything a process needs to serve an app, short of a listening socket. */
export interface GatewayHandler {
  /** The `node:http` request listener (route `checkContinue` to `handle.checkContinue`). */
  readonly handle: NodeGatewayHandler;
  /** Tracks this handler's in-flight requests and tasks; drain through it. */
  readonly drain: DrainController;
  /** The access log, or `null` when it is off. */
  readonly accessLog: AccessLog | null;
}

/**
 * Builds the request listener and the drain controller for an app whose lifespan already started
 * (`state` is its state), and tunes V8 for serving ({@link disablePretenuring}). The heartbeat is the
 * listener's part (`listen`): it is set per connection. Kept apart from listening and from process
 * signals, so a worker process that gets its socket from a supervisor can reuse it as is.
 *
 * @example
 * ```ts
 * const lifespan = await startLifespan(app, { logger });
 * const gateway = createGatewayHandler(app, resolveServeOptions(), lifespan.state);
 * http.createServer(gateway.handle).on('checkContinue', gateway.handle.checkContinue).listen(8000);
 * ```
 */
export function createGatewayHandler(
  app: App,
  options: ResolvedServeOptions,
  state: Record<string, unknown>,
): GatewayHandler {
  // A process that serves tunes V8 for it (see disablePretenuring); the operator's own flag wins.
  disablePretenuring();
  const drain = new DrainController();
  const accessLog =
    options.accessLog === false
      ? null
      : createAccessLog(options.accessLog === 'stdout' ? undefined : options.accessLog, {
          format: options.accessLogFormat,
        });
  const trusted = options.trustedProxies;
  const served = trusted === null ? app : withProxyHeaders(app, trusted);
  const record =
    accessLog === null
      ? undefined
      : trusted === null
        ? (entry: ResponseRecord) => accessLog.record(entry)
        : (entry: ResponseRecord) =>
            accessLog.record({
              request: entry.request,
              remoteAddress: loggedClient(entry.request.headers, entry.remoteAddress, trusted),
              status: entry.status,
              bytes: entry.bytes,
              complete: entry.complete,
              startedAt: entry.startedAt,
              responseHeaders: entry.responseHeaders,
            });
  const handle = toNodeHandler(served, {
    state,
    rootPath: options.rootPath,
    logger: options.logger,
    maxBodySize: options.maxBodySize,
    writeTimeout: options.writeTimeout,
    bodyTimeout: options.bodyTimeout,
    responseTimeout: options.responseTimeout,
    maxHeaderCount: options.maxHeaderCount,
    drain,
    onResponse: record,
  });
  return { handle, drain, accessLog };
}
