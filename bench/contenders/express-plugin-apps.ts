/**
 * Express's side of the plugin scenarios, each route with the middleware an Express user reaches for:
 * `cors`, `helmet`, a request-id middleware (the few lines every guide shows), `express-rate-limit`
 * (memory store, the IETF draft's headers) and `compression`.
 */
import { randomUUID } from 'node:crypto';
import compression from 'compression';
import cors from 'cors';
import type { Express, NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { GREETING_JSON, PATHS } from '../app/payloads.js';
import {
  ALLOWED_ORIGIN,
  COMPRESSED_LIST,
  GZIP_LEVEL,
  RATE_LIMIT,
  REQUEST_ID_HEADER,
} from '../app/plugins.js';

function requestId(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader(REQUEST_ID_HEADER, randomUUID());
  next();
}

/**
 * Registers the plugin scenarios' routes on `app`.
 *
 * @example
 * ```ts
 * registerPluginRoutes(app);
 * ```
 */
export function registerPluginRoutes(app: Express): void {
  const limiter = rateLimit({
    windowMs: RATE_LIMIT.windowSeconds * 1000,
    limit: RATE_LIMIT.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  });
  app.get(
    PATHS.plugins,
    cors({ origin: ALLOWED_ORIGIN }),
    helmet(),
    requestId,
    limiter,
    (_request, response) => {
      response.json(GREETING_JSON);
    },
  );
  app.get(PATHS.compressed, compression({ level: GZIP_LEVEL }), (_request, response) => {
    response.json(COMPRESSED_LIST);
  });
}
