/**
 * The Node bridge: serves a gateway app from `node:http` (`toNodeHandler`), and the drain controller a
 * server uses to stop it gracefully.
 */

export type { DrainParticipant, DrainSource, DrainTicket } from './drain.js';
export { DrainController } from './drain.js';
export type { NodeHandlerOptions, ResponseRecord } from './options.js';
export type { RejectionLogLimits } from './rejection-log.js';
export { RejectionLog, rejectionLogFor } from './rejection-log.js';
export type { NodeGatewayHandler, NodeRequestHandler } from './to-node-handler.js';
export { toNodeHandler } from './to-node-handler.js';
