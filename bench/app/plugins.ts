/**
 * The `plugins` and `compressed` scenarios: what every request of a real app goes through before and
 * after its handler. `plugins` is the JSON route behind CORS, security headers, a request id and a rate
 * limit; `compressed` is a ~16 KiB JSON list gzipped for a client that accepts it. Every contender
 * configures its usual plugins with these values, so each does the same work.
 */
import { CATALOG, type CatalogItem } from './catalog.js';

/** The origin the plugins scenario's request comes from, the one origin CORS allows. */
export const ALLOWED_ORIGIN = 'https://app.example';

/** The request id header every contender sets (each one's default name). */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The rate limit: hits per window, so high that the bench never reaches it (each contender still counts
 * every request in its memory store and says where the client stands in its headers).
 */
export const RATE_LIMIT = { limit: 1_000_000_000, windowSeconds: 60 } as const;

/** The gzip level every compression plugin uses: zlib's default, each plugin's own default too. */
export const GZIP_LEVEL = 6;

/**
 * The compressed scenario's answer: the catalogue and half of it again, ~16 KiB of JSON.
 *
 * @example
 * ```ts
 * JSON.stringify(COMPRESSED_LIST).length; // 16,353
 * ```
 */
export const COMPRESSED_LIST: readonly CatalogItem[] = [...CATALOG, ...CATALOG.slice(0, CATALOG.length / 2)];
