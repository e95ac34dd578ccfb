import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import { corsFeature } from './cors-feature.js';
import type { CorsOptions } from './options.js';
import { corsSettings } from './options.js';

/**
 * Cross-origin resource sharing for the whole app: preflights answered before any hook or handler (for
 * every path, with or without an `OPTIONS` route), and the CORS headers on every response to an allowed
 * origin, with `Vary: Origin` whenever the answer depends on it. Options are checked here: `credentials`
 * with origin `'*'`, or an origin no browser sends, is a `TypeError` at once.
 *
 * @example
 * ```ts
 * const app = new Flagon().use(cors({ origin: ['https://app.example'], credentials: true, maxAge: 600 }));
 * ```
 */
export function cors(options: CorsOptions = {}): Plugin {
  const feature = corsFeature(corsSettings(options));
  return definePlugin({
    name: 'cors',
    global: true,
    setup(host) {
      host.withApp((app) => {
        app.addRequestFeature(feature);
      });
    },
  });
}
