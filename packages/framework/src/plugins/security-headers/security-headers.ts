import type { Context } from '../../context.js';
import { headerPair } from '../../http/response-headers.js';
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

// Straight onto the response's header list: every value was checked at setup, and this runs for every
// response (measured: `headers.append`'s checks cost more than all the rest of the plugin).
function addHeaders(set: SecurityHeaderSet, c: Context, response: Response): void {
  const list = response.headers.list;
  const given = list.length;
  for (const [name, value] of set.always) if (!isIn(list, given, name)) list.push(headerPair(name, value));
  const hsts = set.https;
  if (hsts !== undefined && c.scope.scheme === 'https' && !isIn(list, given, hsts[0]))
    list.push(headerPair(hsts[0], hsts[1]));
}

/** True when one of the first `count` headers of `list` is named `name` (lowercase). */
function isIn(list: readonly (readonly [string, string])[], count: number, name: string): boolean {
  for (let i = 0; i < count; i++) if (list[i]![0] === name) return true;
  return false;
}
