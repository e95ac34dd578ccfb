/**
 * The in-memory transport: serves a gateway app without the network, for tests and in-process calls.
 * `core/` holds what it shares with the Fetch adapter (one request exchange, the host around it).
 */

export type { DrainOptions } from './core/app-host.js';
export type { RequestBody } from './core/body-source.js';
export type { HeaderInput } from './core/header-list.js';
export type { QueryInit } from './core/request-target.js';
export type { MemoryRequest } from './request.js';
export type { MemoryResponse } from './response.js';
export type {
  MemoryExtensionOptions,
  MemoryTransport,
  MemoryTransportOptions,
} from './transport.js';
export { createMemoryTransport } from './transport.js';
