// `@flagon/framework/cors`: the CORS plugin.
export { cors } from './cors.js';
export type { CorsOptions, CorsOrigin, CorsOriginFunction } from './options.js';
