import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../types.js';
import { handleNodeRequest } from './exchange.js';
import type { NodeHandlerOptions } from './options.js';
import { resolveBridgeConfig } from './options.js';

/** A `node:http` request listener. */
export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves a gateway app from any `node:http` server: returns a request listener for
 * `http.createServer(...)` (or `supertest(...)`). It does not run the lifespan: call `startLifespan`
 * first and pass its `state`, as the reference server does.
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { startLifespan, toNodeHandler } from '@flagon/gateway';
 *
 * const lifespan = await startLifespan(app);
 * const server = http.createServer(toNodeHandler(app, { state: lifespan.state }));
 * server.listen(8000);
 * ```
 */
export function toNodeHandler(app: App, options?: NodeHandlerOptions): NodeRequestHandler {
  const config = resolveBridgeConfig(app, options);
  return (req, res) => handleNodeRequest(config, req, res);
}
