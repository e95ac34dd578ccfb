/**
 * `@flagon/gateway`: the gateway interface (spec 1.0) and what works with any app that speaks it.
 * The reference server lives under `@flagon/gateway/server` and the conformance kit under
 * `@flagon/gateway/conformance`, so this entry point stays free of any server module.
 */

export * from './errors.js';
export * from './fetch/index.js';
export * from './file-path.js';
export * from './lifespan.js';
export * from './logger.js';
export * from './memory/index.js';
export * from './node/index.js';
export * from './types.js';
export * from './validate/index.js';
