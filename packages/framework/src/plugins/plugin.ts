import type { Flagon } from '../app.js';
import type { Shortfall } from '../blueprint-fit.js';
import type { Scaffold } from '../scaffold.js';
import type { EnvOf, HandlerContext, RawInput } from '../types.js';

/**
 * What a plugin adds, by part: `context` names on `c` (`c.user`), `app` names on the app or blueprint it
 * is used on (`app.feeds`), and keys of `g`, `config`, `state` and the session.
 */
export interface PluginAdditions {
  context?: object;
  app?: object;
  g?: object;
  config?: object;
  state?: object;
  session?: object;
}

/** What a plugin needs from the host it is used on, by part: another plugin's `context` names, config keys... */
export interface PluginNeeds {
  context?: object;
  g?: object;
  config?: object;
  state?: object;
  session?: object;
}

/** Part `K` of additions or needs `T`, `{}` when `T` names none. */
export type PartOf<T, K extends string> = T extends { [P in K]: infer X extends object } ? X : {};

/**
 * Env `E` with additions `A` (a plugin's, or all those used on a blueprint) folded in.
 *
 * @example
 * ```ts
 * type E = WithAdditions<EnvOf<{}, {}, {}, {}>, { context: { user: string } }>; // vars: { user: string }
 * ```
 */
export type WithAdditions<
  E extends EnvOf<object, object, object, object, object>,
  A extends PluginAdditions,
> = EnvOf<
  E['g'] & PartOf<A, 'g'>,
  E['config'] & PartOf<A, 'config'>,
  E['state'] & PartOf<A, 'state'>,
  E['session'] & PartOf<A, 'session'>,
  E['vars'] & PartOf<A, 'context'>
>;

/** The env a plugin's `setup` sees: what it needs plus what it adds. */
type SetupEnv<A extends PluginAdditions, N extends PluginNeeds> = WithAdditions<NeedsEnv<N>, A>;

/** The env of what a plugin needs, compared with a host's env to accept or refuse it. */
export type NeedsEnv<N extends PluginNeeds> = EnvOf<
  PartOf<N, 'g'>,
  PartOf<N, 'config'>,
  PartOf<N, 'state'>,
  PartOf<N, 'session'>,
  PartOf<N, 'context'>
>;

/** What a plugin's `setup` adds to the app or blueprint it is used on, beyond routes and hooks. */
export interface PluginTools<A extends PluginAdditions, N extends PluginNeeds> {
  /** `'app'` or `'blueprint'`: where the plugin is being used. */
  readonly kind: 'app' | 'blueprint';
  /**
   * Sets `c[name]` for every request of the host's routes (a blueprint's only, on a blueprint), from
   * `value(c)` (awaited), before the hooks registered after the plugin. Reading it where it is not set
   * throws an error naming the plugin.
   */
  provide<K extends keyof PartOf<A, 'context'> & string>(
    name: K,
    value: (
      c: HandlerContext<RawInput, SetupEnv<A, N>>,
    ) => PartOf<A, 'context'>[K] | Promise<PartOf<A, 'context'>[K]>,
  ): void;
  /** Adds `name` to the app or blueprint the plugin is used on (`app.feeds`). */
  decorate<K extends keyof PartOf<A, 'app'> & string>(name: K, value: PartOf<A, 'app'>[K]): void;
  /**
   * Runs `fn` with the app: at once on an app, when the blueprint is registered on a blueprint. For what
   * only an app has: lifespan hooks, request features, template globals, config defaults.
   */
  withApp(fn: (app: Flagon<PartOf<N, 'g'>, PartOf<N, 'config'>, PartOf<N, 'state'>>) => void): void;
}

/** What a plugin's `setup` receives: the app or blueprint (routes, hooks, error handlers) and the tools. */
export type PluginHost<A extends PluginAdditions, N extends PluginNeeds> = Scaffold<SetupEnv<A, N>> &
  PluginTools<A, N>;

/** How a plugin declares itself: see {@link definePlugin}. */
export interface PluginSpec<A extends PluginAdditions, N extends PluginNeeds> {
  /** Names the plugin in errors, in `requires` of other plugins and in `hasPlugin(name)`. */
  name: string;
  /** Plugins that must be used on the same host (or on the app) before this one; checked at run time too. */
  requires?: readonly string[];
  /** A second use on the same host: `'refuse'` (an error, the default) or `'ignore'` (idempotent). */
  duplicates?: 'refuse' | 'ignore';
  /** True for a plugin that works on the whole app (CORS, security headers): refused on a blueprint. */
  global?: boolean;
  /** Adds the plugin's routes, hooks and additions to `host`. */
  setup(host: PluginHost<A, N>): void;
}

/** A plugin: made by {@link definePlugin}, used by `app.use(plugin)` or `blueprint.use(plugin)`. */
export interface Plugin<A extends PluginAdditions = {}, N extends PluginNeeds = {}> {
  readonly name: string;
  readonly requires: readonly string[];
  readonly duplicates: 'refuse' | 'ignore';
  readonly global: boolean;
  setup(host: PluginHost<A, N>): void;
  /** Type only (never set): what the plugin adds and needs, read by `use`. */
  readonly types?: { adds: A; needs: N };
}

/**
 * Accepts a plugin exactly when the host env `Host` provides what it needs (another plugin's `c.user`,
 * config keys...): a compile error naming the part that falls short otherwise.
 */
export type PluginFit<Host extends EnvOf<object, object, object, object, object>, N extends PluginNeeds> = [
  Shortfall<Host, NeedsEnv<N>>,
] extends [never]
  ? unknown
  : { readonly 'the host lacks what this plugin needs': Shortfall<Host, NeedsEnv<N>> };

/**
 * Declares a plugin. Its type arguments say what it adds (`A`) and needs (`N`); `app.use(plugin)` returns
 * the app typed with the additions, so handlers registered after it see them, and refuses (at compile
 * time, and at run time through `requires`) a plugin whose needs the app lacks.
 *
 * @example
 * ```ts
 * const requestStart = definePlugin<{ context: { startedAt: number } }>({
 *   name: 'request-start',
 *   setup(host) {
 *     host.provide('startedAt', () => Date.now());
 *   },
 * });
 * const app = new Flagon().use(requestStart);
 * app.get('/', (c) => ({ startedAt: c.startedAt }));
 * ```
 */
export function definePlugin<A extends PluginAdditions = {}, N extends PluginNeeds = {}>(
  spec: PluginSpec<A, N>,
): Plugin<A, N> {
  if (typeof spec.name !== 'string' || spec.name === '') throw new TypeError('A plugin needs a name');
  if (typeof spec.setup !== 'function') throw new TypeError(`Plugin "${spec.name}" needs a setup function`);
  return {
    name: spec.name,
    requires: Object.freeze([...(spec.requires ?? [])]),
    duplicates: spec.duplicates ?? 'refuse',
    global: spec.global ?? false,
    setup: spec.setup,
  };
}
