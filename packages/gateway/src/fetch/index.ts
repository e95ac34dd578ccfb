/**
 * The Fetch adapters: `toFetchHandler` serves a gateway app on any host that speaks
 * `(Request) => Response`; `fromFetchHandler` mounts a Fetch-style app as a gateway app.
 */

export type { FetchStyleHandler, FromFetchHandlerOptions } from './from-fetch-handler.js';
export { fromFetchHandler } from './from-fetch-handler.js';
export type {
  AnyFetchContext,
  ConnectionReader,
  FetchContext,
  FetchHandler,
  FetchHandlerOptions,
} from './to-fetch-handler.js';
export { toFetchHandler } from './to-fetch-handler.js';
