import type { Context } from '../../context.js';
import type { Response } from '../../response.js';
import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import type { SecurityHeaderSet, SecurityHeadersOptions } from './options.js';
import { securityHeaderSet } from './options.js';

/**
 * Security headers on every response of the app, error responses and 404s included: a CSP,
 * `Strict-Transport-Security` on https requests (the scope's scheme: behind a proxy, the server's
 * `--proxy-headers` sets it from `X-Forwarded-Proto`), `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy`, `X-Frame-Options`, the cross-origin policies... with helmet's defaults, each
 * configurable or off. A header the handler (or an `after` hook) set is kept as it is.
 *
 * @example
 * ```ts
 * const app = new Flagon().use(securityHeaders({ xFrameOptions: 'DENY', contentSecurityPolicy: false }));
 * ```
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): Plugin {
  const set = securityHeaderSet(options);
  return definePlugin({
    name: 'security-headers',
    global: true,
    setup(host) {
      host.withApp((app) => {
        app.addRequestFeature({
          name: 'security-headers',
          close: (c, response) => addHeaders(set, c, response),
        });
      });
    },
  });
}

function addHeaders(set: SecurityHeaderSet, c: Context, response: Response): void {
  const headers = response.headers;
  for (const [name, value] of set.always) if (!headers.has(name)) headers.append(name, value);
  if (set.https !== undefined && c.scope.scheme === 'https' && !headers.has(set.https[0]))
    headers.append(set.https[0], set.https[1]);
}
