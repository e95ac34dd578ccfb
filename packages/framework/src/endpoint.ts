import type { ZodType } from 'zod';
import type { Context } from './context.js';
import type { UploadOptions } from './forms/upload-settings.js';
import { checkUploadOptions } from './forms/upload-settings.js';
import type { HookSet } from './hooks.js';
import type { RouteOutput } from './responses/from-result.js';
import { routeOutput } from './responses/from-result.js';
import { checkRoutePath } from './routing/check-route-path.js';
import type { AppEnv, Input, RouteMethodsOptions } from './types.js';
import type { CompiledSchemas } from './validation.js';
import { compileSchemas } from './validation.js';

/** A handler as stored; its typed form was checked where it was registered. */
export type StoredHandler = (c: Context<Input, AppEnv>) => unknown;

/** A route as declared on a scaffold, before it is mounted (a blueprint's routes wait for registration). */
export interface RouteSpec {
  readonly methods: readonly string[];
  readonly path: string;
  /** The endpoint name without any blueprint prefix. */
  readonly name: string;
  readonly handler: StoredHandler;
  readonly schemas: CompiledSchemas | undefined;
  /** The status and serializer of the plain values the handler returns (`undefined`: 200, JSON.stringify). */
  readonly output: RouteOutput | undefined;
  /** The route's `response` schema as declared, for tools that describe the route (OpenAPI). */
  readonly response: ZodType | undefined;
  readonly maxBodySize: number | undefined;
  /** The route's form limits over the app's config (`uploads` option). */
  readonly uploads: UploadOptions | undefined;
  /** `false`: no CSRF check (the route's option, else its blueprint's); `undefined`: the default (on). */
  readonly csrf: boolean | undefined;
}

/** A mounted route: what the router hands dispatch on a match. */
export interface Endpoint extends RouteSpec {
  /** The full endpoint name (`admin.users.list` for a nested blueprint's route). */
  readonly name: string;
  /** The full name of the blueprint the route belongs to (`admin.users`), `''` for the app's own. */
  readonly blueprint: string;
  /** The full path, blueprint prefixes included. */
  readonly path: string;
  /** The hook sets of the app and the blueprints the route belongs to, outermost first. */
  readonly hooks: readonly HookSet[];
  /** How errors name the handler: `handler "admin.listUsers"`. */
  readonly label: string;
}

/**
 * A route spec from what `route()`/`get()`/... were given. The endpoint name defaults to the handler's
 * function name, else to `"GET /path"` (methods joined with `,`).
 *
 * @example
 * ```ts
 * createRouteSpec(['GET'], '/users/:id', {}, function showUser() { return ''; }).name; // 'showUser'
 * ```
 */
export function createRouteSpec(
  methods: readonly string[],
  path: string,
  options: RouteMethodsOptions,
  handler: StoredHandler,
): RouteSpec {
  if (typeof handler !== 'function') throw new TypeError(`route "${path}": the handler must be a function`);
  checkRoutePath(path);
  const upper = methods.map((method) => method.toUpperCase());
  const name = options.name ?? (handler.name || `${upper.join(',')} ${path}`);
  checkUploadOptions(`route "${path}"`, options.uploads);
  if (name.includes('.') && options.name !== undefined) {
    throw new TypeError(`route "${path}": endpoint names may not contain "." (it separates blueprint names)`);
  }
  return {
    methods: upper,
    path,
    name,
    handler,
    schemas: compileSchemas(options),
    output: routeOutput(options as { response?: ZodType; status?: number }),
    response: options.response as ZodType | undefined,
    maxBodySize: options.maxBodySize,
    uploads: options.uploads,
    csrf: options.csrf,
  };
}
