import type { HttpReceive, HttpSend, Logger, Receive, Scope, Send } from '@flagon/gateway/core';
import { createLogger } from '@flagon/gateway/core';
import { addFunctionMethods, answerNodeCall } from './app-as-function.js';
import { appConfig } from './app-config.js';
import type { FlagonOptions } from './app-options.js';
import type { AppWithPlugin } from './app-with-plugin.js';
import type { Blueprint, FittingBlueprint } from './blueprint.js';
import type { BuiltinConfig } from './builtin-config.js';
import type { Config } from './config.js';
import type { UrlForOptions } from './context.js';
import { Context } from './context.js';
import { dispatch } from './dispatch.js';
import type { Endpoint, RouteSpec } from './endpoint.js';
import type {
  ContextProcessor as AnyContextProcessor,
  RequestFeature as AnyRequestFeature,
} from './features/request-feature.js';
import type { HookSet } from './hooks.js';
import type { LifespanHooks, StoredLifespanHook } from './lifespan.js';
import { runLifespan } from './lifespan.js';
import type { ContextClass } from './plugins/context-vars.js';
import type { Plugin, PluginAdditions, PluginFit, PluginNeeds } from './plugins/plugin.js';
import { pluginUsed, usePlugin } from './plugins/use-plugin.js';
import { rootFolder } from './root-folder.js';
import { mountBlueprint, mountRoute, type RouteTable } from './route-mounting.js';
import type { RouteInfo, UrlParamInput } from './routing/index.js';
import { Router } from './routing/index.js';
import type { RoutesMaybe, UrlArgs, UrlNames, WithBlueprintRoutes } from './routing/url-map-types.js';
import type { RegisterOptions } from './scaffold.js';
import { Scaffold } from './scaffold.js';
import { addStaticRoute } from './static/static-route.js';
import { templateFolderOf } from './templates/template-folder.js';
import type { AppEnv, EnvOf, HandlerContext, Input, LifespanHook, RawInput } from './types.js';

/** The context the features and context processors are stored with: any route's, any app's. */
type StoredContext = Context<Input, AppEnv>;

/** The config of an app with config type `C`: its own keys, the built-in ones, and the loaders. */
export type AppConfig<C extends object> = Config & BuiltinConfig & C;

/**
 * The Flagon app, which *is* a gateway app: call it as `(scope, receive, send)`, hand it as is to
 * `toNodeHandler(app)` or `flagon-gateway serve`. It serves `http` scopes (routing, hooks, validation,
 * responses) and `lifespan` scopes (`onStartup`/`onShutdown`), and rejects any other scope type.
 *
 * Type parameters: `G` types `c.g`, `C` the config (inferred from `options.config`), `S` the lifespan
 * state (`c.state`), `Sess` the session's values (`c.session`, inferred from `options.session`).
 *
 * @example
 * ```ts
 * const app = new Flagon({ config: { GREETING: 'Hello' } });
 * app.get('/', (c) => `${c.config.GREETING}, World!`);
 * app.get('/users/:id', (c) => ({ id: c.params.id }));
 * ```
 */
// The interface merge gives instances the call signature the constructor makes real (see below). It
// must stay an interface repeating the class's type parameters: only that merges with the class.
// biome-ignore-start lint/correctness/noUnusedVariables: merged declarations need the same type parameters.
export interface Flagon<
  G extends object = Record<string, unknown>,
  C extends object = Record<string, unknown>,
  S extends object = Record<string, unknown>,
  Sess extends object = Record<string, unknown>,
  V extends object = {},
> {
  // biome-ignore lint/style/useShorthandFunctionType: a function type alias could not merge with the class.
  (scope: Scope, receive: Receive, send: Send): Promise<void>;
}
// biome-ignore-end lint/correctness/noUnusedVariables: see above.

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor returns a callable instance.
export class Flagon<
  G extends object = Record<string, unknown>,
  C extends object = Record<string, unknown>,
  S extends object = Record<string, unknown>,
  Sess extends object = Record<string, unknown>,
  V extends object = {},
> extends Scaffold<EnvOf<G, C, S, Sess, V>> {
  /** The configuration: what `options.config` gave, the built-in keys (`DEBUG`...), and `fromEnv()`. */
  readonly config: AppConfig<C>;
  /** Where the app logs unhandled errors and failing hooks. */
  readonly logger: Logger;
  /** The app's folder (`options.root` as a path), `undefined` when not given. */
  readonly root: string | undefined;
  /** The app's template folder (absolute), `undefined` when it has none. */
  readonly templateFolder: string | undefined;
  /** @internal The blueprints registered, nested ones included, in registration order. */
  readonly blueprints: Blueprint<object, object, object>[];
  /** @internal What `templateGlobal` added: names every template sees. */
  readonly templateGlobals: Record<string, unknown>;
  /** @internal The routes, matched per request. */
  readonly router: Router<Endpoint>;
  /** @internal The hook chain of requests no route serves (404, 405, OPTIONS, slash redirects). */
  readonly rootHooks: readonly HookSet[];
  /** @internal What wraps every request outside the hooks (sessions, CSRF), in the order added. */
  readonly features: AnyRequestFeature<StoredContext>[];
  /** @internal The template context processors, run per render. */
  readonly contextProcessors: AnyContextProcessor<StoredContext>[];
  /** @internal The class of this app's contexts: `Context`, or a subclass holding what plugins added. */
  contextClass: ContextClass;
  private readonly lifespanHooks: LifespanHooks;
  private readonly routeTable: RouteTable;

  constructor(options: FlagonOptions<C, Sess> = {}) {
    super();
    this.features = [];
    this.contextProcessors = [];
    this.contextClass = Context;
    this.config = appConfig(this, options as FlagonOptions<object, object>) as AppConfig<C>;
    this.logger = options.logger ?? createLogger('info');
    this.root = options.root === undefined ? undefined : rootFolder(options.root, 'new Flagon()');
    this.templateFolder = templateFolderOf(this.root, options.templateFolder, 'new Flagon()');
    this.blueprints = [];
    this.templateGlobals = {};
    this.router = new Router<Endpoint>();
    this.rootHooks = [this.hooks];
    this.lifespanHooks = { startup: [], shutdown: [] };
    this.routeTable = {
      router: this.router,
      appHooks: this.hooks,
      blueprints: this.blueprints,
      endpointHandlers: new Map(),
      blueprintNames: new Set(),
    };

    // A gateway app is a function, so the instance is one: a function whose prototype is this class's,
    // carrying the fields set above. Private state lives in ordinary properties, as #fields would stay
    // behind on the discarded `this`.
    // Made as an argument, where no name is inferred: a transpiler keeping function names (tsx,
    // esbuild's keepNames) would otherwise redefine `name`, and V8 then keeps the function's properties
    // as a slow dictionary, read on every request.
    const app: Flagon<G, C, S, Sess, V> = Object.setPrototypeOf(
      (scope: Scope, receive: Receive, send: Send) => app.handle(scope, receive, send),
      new.target.prototype,
    );
    Object.assign(app, this);
    addStaticRoute(
      (path, handler) => app.get(path, { name: 'static' }, handler),
      app.root,
      options,
      'new Flagon()',
    );
    // biome-ignore lint/correctness/noConstructorReturn: the app must be callable (see above).
    return app;
  }

  /** Debug mode (`config.DEBUG`): 500 responses show the error and its stack. */
  get debug(): boolean {
    return this.config.DEBUG;
  }

  set debug(value: boolean) {
    this.config.DEBUG = value;
  }

  /**
   * Serves one gateway scope: `http` through routing and dispatch, `lifespan` through the startup and
   * shutdown hooks. Any other scope type is rejected, as the spec asks.
   *
   * @example
   * ```ts
   * await app.handle(scope, receive, send); // the same as app(scope, receive, send)
   * ```
   */
  handle(scope: Scope, receive: Receive, send: Send): Promise<void> {
    if (scope.type === 'http')
      return dispatch(this as never, scope, receive as HttpReceive, send as HttpSend);
    if (scope.type === 'lifespan') return runLifespan(this.lifespanHooks, scope, receive, send, this.logger);
    // `http.createServer(app)` or `supertest(app)`: say so at once instead of leaving the request hanging.
    if (answerNodeCall(scope, receive, this.logger)) return Promise.resolve();
    return Promise.reject(
      new TypeError(`Flagon does not support scope type ${JSON.stringify((scope as Scope).type)}`),
    );
  }

  /**
   * Runs `hook` at server startup (lifespan), in registration order; what it stores in `state` is in
   * every request's `c.state`. A throwing hook fails the startup with its message.
   *
   * @example
   * ```ts
   * app.onStartup(async (state) => { state.db = await connect(); });
   * ```
   */
  onStartup(hook: LifespanHook<S>): this {
    this.lifespanHooks.startup.push(hook as unknown as StoredLifespanHook);
    return this;
  }

  /**
   * Runs `hook` at server shutdown, in reverse registration order; every hook runs even if one throws.
   *
   * @example
   * ```ts
   * app.onShutdown(async (state) => { await state.db.close(); });
   * ```
   */
  onShutdown(hook: LifespanHook<S>): this {
    this.lifespanHooks.shutdown.push(hook as unknown as StoredLifespanHook);
    return this;
  }

  /**
   * Adds a request feature: its `open` runs before the `before` hooks of every request, its `close` on
   * the response after the `after` hooks. A second feature of the same name is refused.
   *
   * @example
   * ```ts
   * app.addRequestFeature({ name: 'poweredBy', close: (c, response) => { response.headers.set('x-powered-by', 'Flagon'); } });
   * ```
   */
  addRequestFeature(feature: AnyRequestFeature<Context<RawInput, EnvOf<G, C, S, Sess>>>): this {
    if (this.hasRequestFeature(feature.name))
      throw new Error(`A request feature named "${feature.name}" is already added`);
    this.features.push(feature as unknown as AnyRequestFeature<StoredContext>);
    return this;
  }

  /**
   * True when a request feature named `name` was added.
   *
   * @example
   * ```ts
   * if (!app.hasRequestFeature('sessions')) app.addRequestFeature(sessions);
   * ```
   */
  hasRequestFeature(name: string): boolean {
    return this.features.some((feature) => feature.name === name);
  }

  /**
   * Adds names to every rendered template, computed per render (Flask's `context_processor`). It sees
   * what plugins used on the app added (`c.user`), which a render before their hooks ran cannot read.
   *
   * @example
   * ```ts
   * app.contextProcessor((c) => ({ path: c.scope.path }));
   * ```
   */
  contextProcessor(processor: AnyContextProcessor<HandlerContext<RawInput, EnvOf<G, C, S, Sess, V>>>): this {
    this.contextProcessors.push(processor as unknown as AnyContextProcessor<StoredContext>);
    return this;
  }

  /**
   * Adds `name` to every rendered template (Flask's `template_global`): a helper or a constant. What a
   * context processor or the render's data gives under the same name wins.
   *
   * @example
   * ```ts
   * app.templateGlobal('siteName', 'Notes');
   * app.templateGlobal('formatDate', (date: Date) => date.toISOString().slice(0, 10));
   * ```
   */
  templateGlobal(name: string, value: unknown): this {
    this.templateGlobals[name] = value;
    return this;
  }

  /**
   * The URL path of endpoint `name` (`blueprint.endpoint` for blueprint routes), params filled in and
   * percent-encoded, `options.query` appended. Throws for an unknown name or a missing param; a chained app
   * checks names and params at compile time. In a request prefer `c.urlFor` (mount prefix, `.relative` names).
   *
   * @example
   * ```ts
   * app.urlFor('admin.listUsers', {}, { query: { page: 2 } }); // '/admin/users?page=2'
   * ```
   */
  urlFor<N extends UrlNames<this>>(name: N, ...args: UrlArgs<this, N, UrlForOptions>): string {
    const [params, options] = args as [UrlParamInput?, UrlForOptions?];
    return this.router.urlFor(name, params, options?.query);
  }

  /**
   * Uses a plugin on the whole app (routes, hooks, additions to `c` and the app). Keep what it returns:
   * the app typed with the additions, so handlers registered on it see `c.user` and friends. A plugin
   * whose needs the app lacks is a compile error (and, by its `requires`, a run-time one).
   *
   * @example
   * ```ts
   * const app = new Flagon().use(requestStart);
   * app.get('/', (c) => ({ startedAt: c.startedAt }));
   * ```
   */
  use<A extends PluginAdditions, N extends PluginNeeds>(
    plugin: Plugin<A, N> & PluginFit<EnvOf<G, C, S, Sess, V>, N>,
  ): AppWithPlugin<this, G, C, S, Sess, V, A> {
    usePlugin({ kind: 'app', scaffold: this }, plugin as unknown as Plugin<object, object>);
    return this as never;
  }

  /**
   * True when a plugin named `name` was used on the app.
   *
   * @example
   * ```ts
   * app.hasPlugin('auth'); // false
   * ```
   */
  hasPlugin(name: string): boolean {
    return pluginUsed(this, name);
  }

  /**
   * Mounts a blueprint: its routes (prefix and name prepended), its nested blueprints, its hooks and
   * error handlers for its routes. Routes cannot be added to it afterwards.
   *
   * @example
   * ```ts
   * app.register(admin, { prefix: '/backoffice' });
   * ```
   */
  register<
    BG extends object,
    BC extends object,
    BS extends object,
    BSess extends object,
    BV extends object,
    BA extends PluginAdditions,
    BN extends string,
    BR = {},
  >(
    blueprint: FittingBlueprint<EnvOf<G, C, S, Sess, V>, BG, BC, BS, BSess, BV, BA, BN> & RoutesMaybe<BR>,
    options: RegisterOptions = {},
  ): WithBlueprintRoutes<this, BN, BR> {
    mountBlueprint(this.routeTable, this, blueprint as never, {
      prefix: options.prefix ?? blueprint.prefix,
      name: blueprint.name,
      outer: this.rootHooks,
      within: [],
      outerCsrf: undefined,
    });
    return this as never;
  }

  /**
   * Every route of the app, blueprints' included, in registration order: methods, full path, endpoint
   * name (Flask's `app.url_map`). For tools and plugins: a sitemap, a route table, an API document.
   *
   * @example
   * ```ts
   * for (const route of app.routes()) console.log(route.methods.join(','), route.path, route.name);
   * ```
   */
  routes(): RouteInfo[] {
    return this.router.routes();
  }

  protected addRoute(spec: RouteSpec): void {
    mountRoute(this.routeTable, spec, spec.path, '', this.rootHooks, undefined);
  }
}

// The app is a function: it has `apply`, `call` and `bind` as every function does.
addFunctionMethods(Flagon.prototype);
