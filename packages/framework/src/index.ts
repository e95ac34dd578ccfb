// The app core: the app, blueprints, context, request, responses, errors, validation, config.
export type { AppConfig } from './app.js';
export { Flagon } from './app.js';
export type { FlagonOptions } from './app-options.js';
export type { BlueprintOptions } from './blueprint.js';
export { Blueprint } from './blueprint.js';
export type { BuiltinConfig } from './builtin-config.js';
export type { EnvVars } from './config.js';
export { Config } from './config.js';
export type { UrlForOptions } from './context.js';
export { Context } from './context.js';
export { CSRFError } from './csrf/csrf-error.js';
export type { HTTPErrorOptions, HTTPExceptionOptions } from './errors.js';
export { abort, HTTPError, HTTPException } from './errors.js';
export type { FormValue } from './forms/parsed-form.js';
export { ParsedForm } from './forms/parsed-form.js';
export type { UploadConfig, UploadOptions, UploadSettings } from './forms/upload-settings.js';
export { UploadedFile } from './forms/uploaded-file.js';
export type { FormValidation } from './forms/validate-form.js';
export type { ErrorClass } from './hooks.js';
export type { CookieOptions } from './http/cookies.js';
export { DEFAULT_MAX_JSON_DEPTH } from './http/json-depth.js';
export { RequestHeaders } from './http/request-headers.js';
export type { HeadersInit } from './http/response-headers.js';
export { ResponseHeaders } from './http/response-headers.js';
export type { ErrorStatusCode, HttpMethod, StatusCode } from './http/status-codes.js';
// Plugins: `definePlugin`, used by `app.use(plugin)` (first-party plugins: their own subpaths).
export type {
  Plugin,
  PluginAdditions,
  PluginFit,
  PluginHost,
  PluginNeeds,
  PluginSpec,
  PluginTools,
} from './plugins/plugin.js';
export { definePlugin } from './plugins/plugin.js';
export { DEFAULT_MAX_BODY_SIZE, Request } from './request.js';
export type { ResponseBody, ResponseInit } from './response.js';
export { Response } from './response.js';
export { FileBody } from './responses/file.js';
export type { JsonResponse, UntypedResponse } from './responses/json.js';
export { json } from './responses/json.js';
export type { RedirectStatus } from './responses/redirect.js';
export { redirect } from './responses/redirect.js';
export type { SchemaSerializer } from './responses/schema-serializer.js';
export { compileSerializer, ResponseSchemaError } from './responses/schema-serializer.js';
export type { ServerSentEvent, SseOptions, SseSource } from './responses/sse.js';
export { sse } from './responses/sse.js';
export { stream } from './responses/stream.js';
export { html, text } from './responses/text.js';
export type { RouteSchema, SchemaInput, SchemaOutput } from './route-schema.js';
// Route paths: typed params and URL building (the Router itself: `@flagon/framework/routing`).
export type {
  MatchedParams,
  PathParams,
  QueryInput,
  QueryValue,
  RouteInfo,
  RouteMap,
  RoutesOf,
  UrlFor,
  UrlNames,
  UrlParamInput,
  UrlParams,
  UrlParamValue,
} from './routing/index.js';
export type { RegisterOptions } from './scaffold.js';
// Sessions and flashed messages (`c.session`, `c.flash`), server-side session stores.
export type { FlashFilter } from './sessions/flash.js';
export { MemorySessionStore } from './sessions/memory-store.js';
export type { SessionKey, SessionOrigin } from './sessions/session.js';
export { Session } from './sessions/session.js';
export type { SessionConfig } from './sessions/session-config.js';
export { DEFAULT_SESSION_MAX_AGE } from './sessions/session-config.js';
export type { FlashMessage, SessionRecord } from './sessions/session-record.js';
export type { SessionSchema } from './sessions/session-schema.js';
export type { SessionStore } from './sessions/session-store.js';
// Static files: the static folder route's options and `sendFile`.
export type { SendFileOptions } from './static/send-file.js';
export { sendFile } from './static/send-file.js';
export type { StaticFolderOptions } from './static/static-route.js';
// Templates (eta): `c.render`, typed templates, and their errors.
export type { Template } from './templates/define-template.js';
export { defineTemplate } from './templates/define-template.js';
export type { TemplateErrorKind } from './templates/errors.js';
export { TemplateError, TemplateNotFoundError } from './templates/errors.js';
export type { TemplateFolderOption } from './templates/template-folder.js';
export type {
  AfterHook,
  AppEnv,
  BeforeHook,
  DefaultEnv,
  EnvOf,
  ErrorHandler,
  Handler,
  HandlerContext,
  HandlerResult,
  Input,
  InputOf,
  LifespanHook,
  RawInput,
  ResultOf,
  RouteContext,
  RouteMethodsOptions,
  RouteOptions,
  SessionOf,
  TeardownHook,
  VarsOf,
} from './types.js';
export type { RouteSchemas, ValidationIssue } from './validation.js';
