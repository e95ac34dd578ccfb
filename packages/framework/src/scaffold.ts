import type { FittingBlueprint } from './blueprint.js';
import type { RouteSpec, StoredHandler } from './endpoint.js';
import { createRouteSpec } from './endpoint.js';
import type { HTTPException } from './errors.js';
import type { ErrorClass, StoredAfter, StoredBefore, StoredErrorHandler, StoredTeardown } from './hooks.js';
import { HookSet, setErrorHandler } from './hooks.js';
import type { PluginAdditions } from './plugins/plugin.js';
import type { ParamsFit, RouteName } from './route-params-fit.js';
import type { RoutesMaybe, WithBlueprintRoutes, WithRoute } from './routing/url-map-types.js';
import type {
  AfterHook,
  AppEnv,
  BeforeHook,
  ErrorHandler,
  Handler,
  InputOf,
  ResultOf,
  RouteMethodsOptions,
  RouteOptions,
  TeardownHook,
} from './types.js';

/** Options of `register(blueprint, options)`. */
export interface RegisterOptions {
  /** Overrides the blueprint's own prefix for this registration. */
  prefix?: string;
}

/**
 * What the app and a blueprint share (Flask's `Scaffold`): route registration, `before`/`after`/
 * `teardown` hooks and error handlers. The app mounts a route at once; a blueprint records it until
 * it is registered.
 *
 * @example
 * ```ts
 * function addHealth(scaffold: Scaffold) {
 *   scaffold.get('/health', () => ({ ok: true }));
 * }
 * ```
 */
export abstract class Scaffold<E extends AppEnv = AppEnv> {
  /** @internal The hooks and error handlers, read live by every route of this scaffold. */
  readonly hooks: HookSet = new HookSet();

  /** Takes a route declared on this scaffold (the app mounts it, a blueprint keeps it for later). */
  protected abstract addRoute(spec: RouteSpec): void;

  /**
   * Mounts `blueprint` (and the blueprints registered on it) under this scaffold. Accepted when this
   * scaffold's types provide what the blueprint's type arguments need (see {@link BlueprintFit}).
   */
  abstract register<
    BG extends object,
    BC extends object,
    BS extends object,
    BSess extends object,
    BV extends object,
    BA extends PluginAdditions,
    BN extends string,
    BR = {},
  >(
    blueprint: FittingBlueprint<E, BG, BC, BS, BSess, BV, BA, BN> & RoutesMaybe<BR>,
    options?: RegisterOptions,
  ): WithBlueprintRoutes<this, BN, BR>;

  /**
   * A route for several methods (`GET` when not given).
   *
   * @example
   * ```ts
   * app.route('/things/:id', { methods: ['PUT', 'PATCH'] }, (c) => ({ updated: c.params.id }));
   * ```
   */
  route<P extends string>(path: P, handler: Handler<InputOf<P, {}>, E>): this;
  route<P extends string, S extends RouteMethodsOptions, N extends string = never>(
    path: P,
    options: S & RouteName<N> & ParamsFit<P, S>,
    handler: Handler<InputOf<P, S>, E, ResultOf<S>>,
  ): WithRoute<this, N, P>;
  route(path: string, optionsOrHandler: RouteMethodsOptions | AnyHandler, handler?: AnyHandler): this {
    const [options, fn] = split(optionsOrHandler, handler);
    this.addRoute(createRouteSpec(options.methods ?? ['GET'], path, options, fn));
    return this;
  }

  /**
   * A `GET` route (which also answers `HEAD`). `c.params` is typed from the path; with schemas in the
   * options, `c.params`/`c.query`/`c.headers`/`c.body` are their outputs.
   *
   * @example
   * ```ts
   * app.get('/users/:id', (c) => ({ id: c.params.id }));
   * ```
   */
  get<P extends string>(path: P, handler: Handler<InputOf<P, {}>, E>): this;
  get<P extends string, S extends RouteOptions, N extends string = never>(
    path: P,
    options: S & RouteName<N> & ParamsFit<P, S>,
    handler: Handler<InputOf<P, S>, E, ResultOf<S>>,
  ): WithRoute<this, N, P>;
  get(path: string, optionsOrHandler: RouteOptions | AnyHandler, handler?: AnyHandler): this {
    return this.add('GET', path, optionsOrHandler, handler);
  }

  /** A `POST` route; see {@link Scaffold.get}. @example `app.post('/items', { body: Item }, (c) => c.body);` */
  post<P extends string>(path: P, handler: Handler<InputOf<P, {}>, E>): this;
  post<P extends string, S extends RouteOptions, N extends string = never>(
    path: P,
    options: S & RouteName<N> & ParamsFit<P, S>,
    handler: Handler<InputOf<P, S>, E, ResultOf<S>>,
  ): WithRoute<this, N, P>;
  post(path: string, optionsOrHandler: RouteOptions | AnyHandler, handler?: AnyHandler): this {
    return this.add('POST', path, optionsOrHandler, handler);
  }

  /** A `PUT` route; see {@link Scaffold.get}. @example `app.put('/items/:id', { body: Item }, (c) => c.body);` */
  put<P extends string>(path: P, handler: Handler<InputOf<P, {}>, E>): this;
  put<P extends string, S extends RouteOptions, N extends string = never>(
    path: P,
    options: S & RouteName<N> & ParamsFit<P, S>,
    handler: Handler<InputOf<P, S>, E, ResultOf<S>>,
  ): WithRoute<this, N, P>;
  put(path: string, optionsOrHandler: RouteOptions | AnyHandler, handler?: AnyHandler): this {
    return this.add('PUT', path, optionsOrHandler, handler);
  }

  /** A `PATCH` route; see {@link Scaffold.get}. @example `app.patch('/items/:id', (c) => c.params.id);` */
  patch<P extends string>(path: P, handler: Handler<InputOf<P, {}>, E>): this;
  patch<P extends string, S extends RouteOptions, N extends string = never>(
    path: P,
    options: S & RouteName<N> & ParamsFit<P, S>,
    handler: Handler<InputOf<P, S>, E, ResultOf<S>>,
  ): WithRoute<this, N, P>;
  patch(path: string, optionsOrHandler: RouteOptions | AnyHandler, handler?: AnyHandler): this {
    return this.add('PATCH', path, optionsOrHandler, handler);
  }

  /** A `DELETE` route; see {@link Scaffold.get}. @example `app.delete('/items/:id', (c) => c.params.id);` */
  delete<P extends string>(path: P, handler: Handler<InputOf<P, {}>, E>): this;
  delete<P extends string, S extends RouteOptions, N extends string = never>(
    path: P,
    options: S & RouteName<N> & ParamsFit<P, S>,
    handler: Handler<InputOf<P, S>, E, ResultOf<S>>,
  ): WithRoute<this, N, P>;
  delete(path: string, optionsOrHandler: RouteOptions | AnyHandler, handler?: AnyHandler): this {
    return this.add('DELETE', path, optionsOrHandler, handler);
  }

  /**
   * Runs before every request of this scaffold's routes (app hooks before blueprint hooks). Returning
   * anything but `undefined` answers with it: the remaining `before` hooks and the handler are skipped.
   *
   * @example
   * ```ts
   * app.before((c) => {
   *   if (!c.request.headers.has('authorization')) return json({ error: 'Log in' }, { status: 401 });
   * });
   * ```
   */
  before(hook: BeforeHook<E>): this {
    this.hooks.before.push(hook as unknown as StoredBefore);
    return this;
  }

  /**
   * Runs on each response before it is sent, error responses included, in reverse order of
   * registration (blueprint hooks before app hooks). Change the response in place or return a new one.
   *
   * @example
   * ```ts
   * app.after((c, response) => {
   *   response.headers.set('x-frame-options', 'DENY');
   * });
   * ```
   */
  after(hook: AfterHook<E>): this {
    this.hooks.after.push(hook as unknown as StoredAfter);
    return this;
  }

  /**
   * Runs when the request is over, after the response was sent, whatever happened (reverse order of
   * registration). `error` is the error that escaped handling, else `undefined`. A throwing teardown is
   * logged, never sent.
   *
   * @example
   * ```ts
   * app.teardown((c) => c.g.db?.release());
   * ```
   */
  teardown(hook: TeardownHook<E>): this {
    this.hooks.teardown.push(hook as unknown as StoredTeardown);
    return this;
  }

  /**
   * Answers errors of a status (an `HTTPException` of it; for 500, any unhandled error, as an
   * `HTTPException(500)` whose `cause` is the original) or of a class (and its subclasses). On a blueprint it
   * applies to the blueprint's routes, before the app's handlers. A result that is not a `Response` gets
   * the error's status.
   *
   * @example
   * ```ts
   * app.errorHandler(404, (c, error) => json({ error: 'nope', path: c.request.path }, { status: 404 }));
   * app.errorHandler(PaymentRequired, (c, error) => json({ error: error.message }, { status: 402 }));
   * ```
   */
  errorHandler(status: number, handler: ErrorHandler<HTTPException, E>): this;
  errorHandler<Err>(errorClass: ErrorClass<Err>, handler: ErrorHandler<Err, E>): this;
  errorHandler(key: number | ErrorClass, handler: ErrorHandler<never, E>): this {
    setErrorHandler(this.hooks, 'errorHandler', key, handler as unknown as StoredErrorHandler);
    return this;
  }

  private add(
    method: string,
    path: string,
    optionsOrHandler: RouteOptions | AnyHandler,
    handler: AnyHandler | undefined,
  ): this {
    const [options, fn] = split(optionsOrHandler, handler);
    this.addRoute(createRouteSpec([method], path, options, fn));
    return this;
  }
}

/** Any typed handler, as the overloads' implementations take it before storing it. */
type AnyHandler = (c: never) => unknown;

function split<O extends object>(
  optionsOrHandler: O | AnyHandler,
  handler: AnyHandler | undefined,
): [O, StoredHandler] {
  if (typeof optionsOrHandler === 'function') return [{} as O, optionsOrHandler as StoredHandler];
  if (typeof handler !== 'function') throw new TypeError('a route needs a handler function');
  return [optionsOrHandler, handler as StoredHandler];
}
