import type { Context } from './context.js';
import type { UploadOptions } from './forms/upload-settings.js';
import type { RequestHeaders } from './http/request-headers.js';
import type { HttpMethod, StatusCode } from './http/status-codes.js';
import type { Response } from './response.js';
import type { JsonResponse, UntypedResponse } from './responses/json.js';
import type { WebResponse } from './responses/web-response.js';
import type { RouteSchema, SchemaInput, SchemaOutput } from './route-schema.js';
import type { PathParams } from './routing/index.js';
import type { RouteSchemas } from './validation.js';

/**
 * The app-wide types a context carries: `g` (request-scoped state), `config`, and the lifespan `state`.
 * `Flagon<G, C, S>` fills it in; handlers see it as `c.g`, `c.config`, `c.state`.
 */
export interface AppEnv {
  g: object;
  config: object;
  state: object;
  /** The session's values (`c.session`); an open record of `unknown` values when not given. */
  session?: object;
  /** What plugins added to the context (`c.user`), for the routes and hooks registered after them. */
  vars?: object;
}

/**
 * The env of an app or blueprint with type arguments `G`, `C`, `S`, `Sess` and plugin additions `V`.
 *
 * @example
 * ```ts
 * type E = EnvOf<{}, { DB_URL: string }, {}, { userId?: number }>;
 * ```
 */
export type EnvOf<
  G extends object,
  C extends object,
  S extends object,
  Sess extends object,
  V extends object = {},
> = {
  g: G;
  config: C;
  state: S;
  session: Sess;
  vars: V;
};

/**
 * The names plugins added to the context of env `E` (`c.user`), `{}` when none.
 *
 * @example
 * ```ts
 * type V = VarsOf<{ g: {}; config: {}; state: {}; vars: { user: string } }>; // { user: string }
 * ```
 */
export type VarsOf<E extends AppEnv> = E extends { vars: infer V extends object } ? V : {};

/**
 * What handlers and hooks get as `c`: the {@link Context} plus what plugins registered before them added.
 *
 * @example
 * ```ts
 * type C = HandlerContext<RawInput, { g: {}; config: {}; state: {}; vars: { user: string } }>; // c.user: string
 * ```
 */
export type HandlerContext<I extends Input, E extends AppEnv> = Context<I, E> & VarsOf<E>;

/** The env of an app declared without type arguments: every part an open record. */
export interface DefaultEnv {
  g: Record<string, unknown>;
  config: Record<string, unknown>;
  state: Record<string, unknown>;
  session: Record<string, unknown>;
}

/**
 * The session type of env `E`: what the app declared (a type argument or a `session` schema), else an
 * open record whose values are `unknown`.
 *
 * @example
 * ```ts
 * type T = SessionOf<{ g: {}; config: {}; state: {}; session: { userId?: number } }>; // { userId?: number }
 * ```
 */
export type SessionOf<E extends AppEnv> = E extends { session: infer T extends object }
  ? T
  : Record<string, unknown>;

/** What a route's context holds for each request part: validated values, or the raw views. */
export interface Input {
  params: unknown;
  query: unknown;
  headers: unknown;
  body: unknown;
}

/** The input of a route without schemas (and of hooks, which serve every route). */
export interface RawInput {
  params: Readonly<Record<string, string | undefined>>;
  query: URLSearchParams;
  headers: RequestHeaders;
  /** Without a body schema there is no parsed body: read it with `c.request.json()` and friends. */
  body: undefined;
}

type Validated<S, K extends keyof RouteSchemas, Fallback> = S extends {
  [P in K]: infer Z extends RouteSchema;
}
  ? SchemaOutput<Z>
  : Fallback;

/**
 * The input of a route at path `P` with options `S`: params from the path literal (or the `params`
 * schema's output), `query`/`headers`/`body` from their schemas, else the raw views.
 *
 * @example
 * ```ts
 * type I = InputOf<'/users/:id', {}>; // params: { id: string }, query: URLSearchParams, ...
 * ```
 */
export interface InputOf<P extends string, S> {
  params: Validated<S, 'params', PathParams<P>>;
  query: Validated<S, 'query', URLSearchParams>;
  headers: Validated<S, 'headers', RequestHeaders>;
  body: Validated<S, 'body', undefined>;
}

/**
 * What a handler may return: a string (sent as HTML), a `Response` (Flagon's, or a Fetch `Response`, whose
 * status, headers and streamed body are sent), bytes (`application/octet-stream`), or any other JSON
 * value (sent as JSON). `undefined` is a mistake and answers 500.
 */
export type HandlerResult = string | Response | WebResponse | Uint8Array | object | number | boolean | null;

/**
 * What the handler of a route with options `S` may return: with a `response` schema, a value of the
 * schema's input type (or a `Response`, Flagon's or Fetch's, sent as is); without one, any {@link HandlerResult}.
 *
 * @example
 * ```ts
 * type R = ResultOf<{ response: typeof User }>; // z.input<typeof User>, json() of it, or another Response
 * ```
 */
export type ResultOf<S> = S extends { response: infer Z extends RouteSchema }
  ? SchemaInput<Z> | JsonResponse<SchemaInput<Z>> | UntypedResponse | WebResponse
  : HandlerResult;

/**
 * A route handler: gets the request's context, returns a {@link HandlerResult} (or a promise of one);
 * `R` narrows what it may return (a route's `response` schema does, through {@link ResultOf}).
 */
export type Handler<I extends Input = RawInput, E extends AppEnv = DefaultEnv, R = HandlerResult> = (
  c: HandlerContext<I, E>,
) => R | Promise<R>;

/** The context a handler of path `P` with options `S` gets, for handlers declared apart from their route. */
export type RouteContext<P extends string, S = {}, E extends AppEnv = DefaultEnv> = HandlerContext<
  InputOf<P, S>,
  E
>;

/** Runs before the handler; returning a value (a `Response`, string, object...) answers with it instead. */
export type BeforeHook<E extends AppEnv = DefaultEnv> = (
  c: HandlerContext<RawInput, E>,
  // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets hooks declared as `function (c) { ... }` fit.
) => HandlerResult | void | Promise<HandlerResult | void>;

/** Runs on the response before it is sent; may change it in place or return a replacement. */
export type AfterHook<E extends AppEnv = DefaultEnv> = (
  c: HandlerContext<RawInput, E>,
  response: Response,
  // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets hooks that only mutate the response fit.
) => Response | void | Promise<Response | void>;

/** Runs once the request is over, whatever happened; `error` is what escaped handling, else `undefined`. */
export type TeardownHook<E extends AppEnv = DefaultEnv> = (
  c: HandlerContext<RawInput, E>,
  error: unknown,
) => void | Promise<void>;

/** Answers an error of a status or class; a non-`Response` result gets the error's status. */
export type ErrorHandler<Err, E extends AppEnv = DefaultEnv> = (
  c: HandlerContext<RawInput, E>,
  error: Err,
) => HandlerResult | Promise<HandlerResult>;

/** A lifespan hook: gets the shared state (what startup puts there reaches every `c.state`). */
export type LifespanHook<S extends object = Record<string, unknown>> = (state: S) => void | Promise<void>;

/** A route's options: its schemas, endpoint name, body limit, and how it answers plain values. */
export interface RouteOptions extends RouteSchemas {
  /**
   * The JSON the handler answers with: every value it returns (and the value of a 2xx `json()` answer,
   * which keeps its status and headers) is written through this schema, keeping only the keys it
   * declares, and typed by it. A value that does not fit is a 500. Other `Response`s go out as built.
   */
  response?: RouteSchema;
  /** The status of the plain values (not `Response`s) the handler returns; defaults to 200. */
  status?: StatusCode;
  /** The endpoint name for `urlFor`; defaults to the handler's function name, else `"GET /path"`. */
  name?: string;
  /** This route's request body limit in bytes, instead of the app's `maxBodySize`. */
  maxBodySize?: number;
  /** This route's form and upload limits, over the app's config (`MAX_FILE_SIZE`...): see docs/forms.md. */
  uploads?: UploadOptions;
  /**
   * `false` turns CSRF protection off for this route (a JSON API authenticated otherwise); `true` turns
   * it back on inside a blueprint that turned it off. Default: the blueprint's, else on.
   */
  csrf?: boolean;
}

/** {@link RouteOptions} plus the methods, for `route()`. */
export interface RouteMethodsOptions extends RouteOptions {
  /** Defaults to `['GET']`. `HEAD` is implied by `GET`, and `OPTIONS` is answered automatically. */
  methods?: readonly HttpMethod[];
}
