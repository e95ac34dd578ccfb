/**
 * Hono's side of the plugin scenarios, with its own middleware applied to the scenario's path only:
 * `hono/cors`, `hono/secure-headers`, `hono/request-id`, `hono-rate-limiter` (its memory store, keyed by
 * the client address from node-server's `getConnInfo`), and `hono/compress` (CompressionStream, whose
 * gzip level is zlib's default, 6).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import { GREETING_JSON, PATHS } from '../app/payloads.js';
import { ALLOWED_ORIGIN, COMPRESSED_LIST, RATE_LIMIT } from '../app/plugins.js';

/**
 * Registers the plugin scenarios' routes on `app`.
 *
 * @example
 * ```ts
 * registerPluginRoutes(app);
 * ```
 */
export function registerPluginRoutes(app: Hono): void {
  app.use(
    PATHS.plugins,
    cors({ origin: ALLOWED_ORIGIN }),
    secureHeaders(),
    requestId(),
    rateLimiter({
      windowMs: RATE_LIMIT.windowSeconds * 1000,
      limit: RATE_LIMIT.limit,
      standardHeaders: 'draft-7',
      keyGenerator: (c) => getConnInfo(c).remote.address ?? 'unknown',
    }),
  );
  app.get(PATHS.plugins, (c) => c.json(GREETING_JSON));
  app.use(PATHS.compressed, compress({ encoding: 'gzip' }));
  app.get(PATHS.compressed, (c) => c.json(COMPRESSED_LIST));
}
