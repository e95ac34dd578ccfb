import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../types.js';
import { handleNodeRequest } from './handle-request.js';
import type { NodeHandlerOptions } from './options.js';
import { resolveBridgeConfig } from './options.js';

/** A `node:http` request listener. */
export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** The listener {@link toNodeHandler} returns, with its `checkContinue` listener. */
export interface NodeGatewayHandler extends NodeRequestHandler {
  /**
   * The listener for the server's `checkContinue` event (`Expect: 100-continue`). Without it Node sends
   * `100 Continue` itself before the app runs, so the client uploads a body the app may refuse; with it
   * the 100 goes out only when the app first reads the body, and a declared body over `maxBodySize`
   * gets its 413 at once.
   */
  readonly checkContinue: NodeRequestHandler;
}

/**
 * Serves a gateway app from any `node:http` server: returns a request listener for
 * `http.createServer(...)` (or `supertest(...)`). It does not run the lifespan: call `startLifespan`
 * first and pass its `state`, as the reference server does. Route the server's `checkContinue` event to
 * `handler.checkContinue`, or Node answers `Expect: 100-continue` itself before the app runs.
 *
 * @example
 * ```ts
 * import http from 'node:http';
 * import { startLifespan, toNodeHandler } from '@flagon/gateway';
 *
 * const lifespan = await startLifespan(app);
 * const handler = toNodeHandler(app, { state: lifespan.state });
 * const server = http.createServer(handler).on('checkContinue', handler.checkContinue);
 * server.listen(8000);
 * ```
 */
export function toNodeHandler(app: App, options?: NodeHandlerOptions): NodeGatewayHandler {
  const config = resolveBridgeConfig(app, options);
  const handler: NodeRequestHandler = (req, res) => handleNodeRequest(config, req, res);
  const checkContinue: NodeRequestHandler = (req, res) => handleNodeRequest(config, req, res, true);
  return Object.assign(handler, { checkContinue });
}
