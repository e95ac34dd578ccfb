/**
 * `@flagon/gateway/core`: the spec's types, its errors, the logger, file paths and the in-memory
 * transport, with no Node module behind them (the Node bridge and the Fetch adapter stay in the root
 * entry). It is what a framework, an app or a test needs on any runtime (Node, Bun, Deno, workers);
 * `@flagon/framework` imports the gateway through here only, so it never loads `node:http`.
 *
 * @example
 * ```ts
 * import { ClientDisconnectedError, createLogger, createMemoryTransport } from '@flagon/gateway/core';
 * ```
 */

export * from './errors.js';
export * from './file-path.js';
export * from './lifespan.js';
export * from './logger.js';
export * from './memory/index.js';
export * from './types.js';
