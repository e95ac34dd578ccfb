/**
 * The Flagon framework's side of the plugin scenarios. Its CORS, security headers, request id and
 * compression plugins are app-wide by design (a blueprint cannot scope them), so each scenario gets an app
 * of its own, as the other contenders scope theirs to one route: the bench app's other scenarios then pay
 * nothing for them. The apps sit behind the bench app by path, at the gateway level (a gateway app that
 * picks an app, as any gateway middleware would).
 */

import { Flagon } from '@flagon/framework';
import { compression } from '@flagon/framework/compression';
import { cors } from '@flagon/framework/cors';
import { rateLimit } from '@flagon/framework/rate-limit';
import { requestId } from '@flagon/framework/request-id';
import { securityHeaders } from '@flagon/framework/security-headers';
import type { App } from '@flagon/gateway';
import { z } from 'zod';
import { GREETING_JSON, PATHS } from '../app/payloads.js';
import { ALLOWED_ORIGIN, COMPRESSED_LIST, GZIP_LEVEL, RATE_LIMIT } from '../app/plugins.js';

/** The plugins scenario's app: the JSON route behind the four plugins every request of it goes through. */
const pluginsApp = new Flagon()
  .use(cors({ origin: ALLOWED_ORIGIN }))
  .use(securityHeaders())
  .use(requestId())
  .use(rateLimit({ limit: RATE_LIMIT.limit, window: RATE_LIMIT.windowSeconds }));
// The same response schema as the JSON scenario's route (Fastify's route has its JSON Schema too).
pluginsApp.get(PATHS.plugins, { response: z.object({ message: z.string() }) }, () => GREETING_JSON);

/** The compressed scenario's app: gzip at the level every contender uses. */
const compressedApp = new Flagon().use(compression({ level: GZIP_LEVEL }));
compressedApp.get(PATHS.compressed, () => COMPRESSED_LIST);

/**
 * `app` with the plugin scenarios' apps in front of it, by path; lifespan events go to `app` (the plugin
 * apps have no startup work).
 *
 * @example
 * ```ts
 * export const app = withPluginApps(benchApp);
 * ```
 */
export function withPluginApps(app: App): App {
  return (scope, receive, send) => {
    if (scope.type === 'http') {
      if (scope.path === PATHS.plugins) return pluginsApp(scope, receive, send);
      if (scope.path === PATHS.compressed) return compressedApp(scope, receive, send);
    }
    return app(scope, receive, send);
  };
}
