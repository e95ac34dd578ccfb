// `@flagon/framework/request-id`: the request id plugin.
export type { RequestIdOptions } from './options.js';
export { isSaneRequestId } from './options.js';
export type { RequestIdAdditions } from './request-id.js';
export { requestId } from './request-id.js';
