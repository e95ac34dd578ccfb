import type { Flagon } from './app.js';
import type { PartOf, PluginAdditions } from './plugins/plugin.js';
import type { KeepRoutes } from './routing/url-map-types.js';

/**
 * What `app.use(plugin)` returns: app `T` (a `Flagon<G, C, S, Sess, V>`) typed with the plugin's additions
 * `A`, keeping the named routes it knew.
 *
 * @example
 * ```ts
 * type App = AppWithPlugin<Flagon, {}, {}, {}, {}, {}, { context: { user: User } }>; // c.user typed
 * ```
 */
export type AppWithPlugin<
  T,
  G extends object,
  C extends object,
  S extends object,
  Sess extends object,
  V extends object,
  A extends PluginAdditions,
> = KeepRoutes<
  T,
  Flagon<
    G & PartOf<A, 'g'>,
    C & PartOf<A, 'config'>,
    S & PartOf<A, 'state'>,
    Sess & PartOf<A, 'session'>,
    V & PartOf<A, 'context'>
  > &
    PartOf<A, 'app'>
>;
