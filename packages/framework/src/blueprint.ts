import type { Flagon } from './app.js';
import type { BlueprintFit } from './blueprint-fit.js';
import type { RouteSpec } from './endpoint.js';
import type { HTTPException } from './errors.js';
import type { ErrorClass, StoredAfter, StoredBefore, StoredErrorHandler, StoredTeardown } from './hooks.js';
import { HookSet, setErrorHandler } from './hooks.js';
import type {
  PartOf,
  Plugin,
  PluginAdditions,
  PluginFit,
  PluginNeeds,
  WithAdditions,
} from './plugins/plugin.js';
import { usePlugin } from './plugins/use-plugin.js';
import { rootFolder } from './root-folder.js';
import type { KeepRoutes, RoutesMaybe, WithBlueprintRoutes } from './routing/url-map-types.js';
import { normalizePrefix } from './routing/url-prefix.js';
import type { RegisterOptions } from './scaffold.js';
import { Scaffold } from './scaffold.js';
import type { StaticFolderOptions } from './static/static-route.js';
import { addStaticRoute } from './static/static-route.js';
import type { TemplateFolderOption } from './templates/template-folder.js';
import { templateFolderOf } from './templates/template-folder.js';
import type { AfterHook, AppEnv, BeforeHook, EnvOf as Env, ErrorHandler, TeardownHook } from './types.js';

/**
 * A blueprint with type arguments `BG`..`BSess`, accepted where the host's env `Host` provides what it
 * needs (a compile error naming the part that falls short otherwise: see {@link BlueprintFit}).
 */
export type FittingBlueprint<
  Host extends AppEnv,
  BG extends object,
  BC extends object,
  BS extends object,
  BSess extends object,
  BV extends object = {},
  BA extends PluginAdditions = {},
  BN extends string = string,
> = Blueprint<BG, BC, BS, BSess, BV, BA, BN> & BlueprintFit<Host, Env<BG, BC, BS, BSess, BV>>;

/** Options of `new Blueprint(name, options)`. */
export interface BlueprintOptions extends StaticFolderOptions {
  /** The URL prefix of every route of the blueprint, e.g. `/admin`. */
  prefix?: string;
  /** The blueprint's folder, where its own `templates/` and `static/` are: see `FlagonOptions.root`. */
  root?: string | URL;
  /**
   * The blueprint's template folder: relative to `root` or absolute, `false` for none. Default
   * `'templates'`. Searched after the app's (which overrides a template of the same path).
   */
  templateFolder?: TemplateFolderOption;
  /** `false` turns CSRF protection off for the blueprint's routes (and nested blueprints'): a JSON API. */
  csrf?: boolean;
}

/** A blueprint registered on another one, kept until the outermost is registered on an app. */
export interface BlueprintMount {
  readonly blueprint: Blueprint<object, object, object>;
  readonly prefix: string | undefined;
}

/**
 * A named group of routes with its own URL prefix, hooks and error handlers, registered on an app (or
 * on another blueprint, nesting names and prefixes). Like Flask's, it records its routes and only
 * mounts them when registered; its endpoint names become `blueprint.endpoint` (`outer.inner.endpoint`).
 *
 * @example
 * ```ts
 * const admin = new Blueprint('admin', { prefix: '/admin' });
 * admin.before((c) => { if (!c.request.cookies.session) abort(401); });
 * admin.get('/users', function listUsers() { return []; });
 * app.register(admin); // GET /admin/users, endpoint 'admin.listUsers'
 * ```
 */
export class Blueprint<
  G extends object = Record<string, unknown>,
  C extends object = Record<string, unknown>,
  S extends object = Record<string, unknown>,
  Sess extends object = Record<string, unknown>,
  V extends object = {},
  Adds extends PluginAdditions = {},
  Name extends string = string,
> extends Scaffold<WithAdditions<Env<G, C, S, Sess, V>, Adds>> {
  /** The name, the first part of its endpoints' names (typed as given, so `urlFor` knows `name.endpoint`). */
  readonly name: Name;
  /** The URL prefix of its routes (`''` for none). */
  readonly prefix: string;
  /** The blueprint's folder (`options.root` as a path), `undefined` when not given. */
  readonly root: string | undefined;
  /** The blueprint's template folder (absolute), `undefined` when it has none. */
  readonly templateFolder: string | undefined;
  /** The blueprint's `csrf` option: `false` turns CSRF protection off for its routes. */
  readonly csrf: boolean | undefined;
  /** @internal The routes declared so far, without this blueprint's prefix and name. */
  readonly specs: RouteSpec[] = [];
  /** @internal The blueprints registered on this one. */
  readonly mounts: BlueprintMount[] = [];
  /** @internal Hooks and error handlers for every request of the app (`beforeApp` & co), added on registration. */
  readonly appHooks: HookSet = new HookSet();
  /** @internal What runs with the app once this blueprint is registered on it (`onRegister`). */
  readonly registerCallbacks: ((app: Flagon<object, object, object, object, object>) => void)[] = [];
  private registered = false;

  constructor(name: Name, options: BlueprintOptions = {}) {
    super();
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
      throw new TypeError(
        `Blueprint name ${JSON.stringify(name)} must be letters, digits, "_" or "-" (no ".")`,
      );
    }
    this.name = name;
    this.prefix = normalizePrefix(options.prefix ?? '');
    this.root = options.root === undefined ? undefined : rootFolder(options.root, `Blueprint "${name}"`);
    this.templateFolder = templateFolderOf(this.root, options.templateFolder, `Blueprint "${name}"`);
    this.csrf = options.csrf;
    // Flask's rule: a blueprint serves a static folder only when given one (its root may be the app's).
    const staticFolder = options.staticFolder ?? false;
    addStaticRoute(
      (path, handler) => this.get(path, { name: 'static' }, handler),
      this.root,
      { ...options, staticFolder },
      `Blueprint "${name}"`,
    );
  }

  /**
   * Registers a nested blueprint: its routes get this blueprint's prefix and name in front of their own,
   * and this blueprint's hooks wrap its hooks.
   *
   * @example
   * ```ts
   * const api = new Blueprint('api', { prefix: '/api' });
   * api.register(new Blueprint('v1', { prefix: '/v1' })); // routes under /api/v1, names api.v1.*
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
    blueprint: FittingBlueprint<WithAdditions<Env<G, C, S, Sess, V>, Adds>, BG, BC, BS, BSess, BV, BA, BN> &
      RoutesMaybe<BR>,
    options: RegisterOptions = {},
  ): WithBlueprintRoutes<this, BN, BR> {
    this.assertOpen();
    if ((blueprint as object) === this)
      throw new TypeError(`Blueprint "${this.name}" cannot register itself`);
    this.mounts.push({ blueprint: blueprint as never, prefix: options.prefix });
    return this as never;
  }

  /**
   * Runs before every request of the app this blueprint is registered on, not only the blueprint's
   * routes (Flask's `before_app_request`): added after the app's own hooks registered so far.
   *
   * @example
   * ```ts
   * auth.beforeApp((c) => { c.g.user = c.request.cookies.user; });
   * ```
   */
  beforeApp(hook: BeforeHook<Env<G, C, S, Sess>>): this {
    this.assertOpen();
    this.appHooks.before.push(hook as unknown as StoredBefore);
    return this;
  }

  /**
   * Runs on every response of the app (Flask's `after_app_request`); see {@link Scaffold.after}.
   *
   * @example
   * ```ts
   * auth.afterApp((c, response) => { response.headers.set('x-user', String(c.g.user ?? '')); });
   * ```
   */
  afterApp(hook: AfterHook<Env<G, C, S, Sess>>): this {
    this.assertOpen();
    this.appHooks.after.push(hook as unknown as StoredAfter);
    return this;
  }

  /**
   * Runs when any request of the app is over (Flask's `teardown_app_request`); see {@link Scaffold.teardown}.
   *
   * @example
   * ```ts
   * db.teardownApp((c) => c.g.connection?.release());
   * ```
   */
  teardownApp(hook: TeardownHook<Env<G, C, S, Sess>>): this {
    this.assertOpen();
    this.appHooks.teardown.push(hook as unknown as StoredTeardown);
    return this;
  }

  /**
   * An error handler for the whole app, not only the blueprint's routes (Flask's `app_errorhandler`):
   * on registration it takes the place of an app handler for the same status or class.
   *
   * @example
   * ```ts
   * errors.appErrorHandler(404, (c) => html('<h1>Not here</h1>', { status: 404 }));
   * ```
   */
  appErrorHandler(status: number, handler: ErrorHandler<HTTPException, Env<G, C, S, Sess>>): this;
  appErrorHandler<Err>(errorClass: ErrorClass<Err>, handler: ErrorHandler<Err, Env<G, C, S, Sess>>): this;
  appErrorHandler(key: number | ErrorClass, handler: ErrorHandler<never, Env<G, C, S, Sess>>): this {
    this.assertOpen();
    setErrorHandler(this.appHooks, 'appErrorHandler', key, handler as unknown as StoredErrorHandler);
    return this;
  }

  /**
   * Runs `fn` with the app when this blueprint is registered on it (Flask's `record`): for what only an
   * app has, such as lifespan hooks, template globals or config defaults.
   *
   * @example
   * ```ts
   * reports.onRegister((app) => app.templateGlobal('reportsUrl', '/reports'));
   * ```
   */
  onRegister(fn: (app: Flagon<object, object, object, object, object>) => void): this {
    this.assertOpen();
    this.registerCallbacks.push(fn);
    return this;
  }

  /**
   * Uses a plugin on this blueprint only: its routes, hooks and `c` additions serve the blueprint's
   * routes. Returns the blueprint typed with the additions (keep what it returns). A plugin that works
   * on the whole app (`global`) is refused; a required plugin may come from the app, checked on register.
   *
   * @example
   * ```ts
   * const api = new Blueprint('api', { prefix: '/api' }).use(requestStart);
   * api.get('/now', (c) => ({ startedAt: c.startedAt }));
   * ```
   */
  use<A extends PluginAdditions, N extends PluginNeeds>(
    plugin: Plugin<A, N> & PluginFit<WithAdditions<Env<G, C, S, Sess, V>, Adds>, N>,
  ): KeepRoutes<this, Blueprint<G, C, S, Sess, V, Adds & A, Name> & PartOf<A, 'app'>> {
    this.assertOpen();
    usePlugin({ kind: 'blueprint', scaffold: this }, plugin as unknown as Plugin<object, object>);
    return this as never;
  }

  /** @internal Called by the app when it mounts this blueprint: later route additions are mistakes. */
  markRegistered(): void {
    this.registered = true;
  }

  protected addRoute(spec: RouteSpec): void {
    this.assertOpen();
    this.specs.push(spec);
  }

  private assertOpen(): void {
    if (this.registered) {
      throw new Error(
        `Blueprint "${this.name}" is already registered; add its routes and blueprints before registering it`,
      );
    }
  }
}
