import type { HttpReceive, HttpScope, HttpSend } from '@flagon/gateway/core';
import type { output, ZodType } from 'zod';
import type { Flagon } from './app.js';
import { csrfTokenOf } from './csrf/request-csrf-token.js';
import type { Endpoint } from './endpoint.js';
import type { Cleanup } from './features/request-feature.js';
import type { UploadSettings } from './forms/upload-settings.js';
import { uploadSettings } from './forms/upload-settings.js';
import type { FormValidation } from './forms/validate-form.js';
import { validateForm } from './forms/validate-form.js';
import type { FormHost } from './request.js';
import { Request } from './request.js';
import type { Response, ResponseInit } from './response.js';
import type { QueryInput, UrlParamInput } from './routing/index.js';
import type { FlashFilter } from './sessions/flash.js';
import { flash, flashes } from './sessions/flash.js';
import { requestSession } from './sessions/request-session.js';
import type { Session } from './sessions/session.js';
import type { FlashMessage } from './sessions/session-record.js';
import type { Template } from './templates/define-template.js';
import { renderTemplate } from './templates/render.js';
import type { AppEnv, DefaultEnv, Input, RawInput, SessionOf } from './types.js';
import type { ValidatedInput } from './validation.js';

const NO_TASKS: readonly PromiseLike<unknown>[] = Object.freeze([]);
const NO_CLEANUPS: readonly Cleanup[] = Object.freeze([]);

/** Options of `urlFor` besides the params. */
export interface UrlForOptions {
  /** Appended as the query string; arrays repeat the key. */
  query?: QueryInput;
}

/**
 * The per-request context every handler, hook and error handler gets as `c`: the request, the matched
 * (and validated) input, request-scoped state `c.g`, the app, its config and lifespan state, and the
 * gateway's signals. Everything is computed on first use, so an unused part costs nothing.
 *
 * @example
 * ```ts
 * app.get('/users/:id', (c) => {
 *   c.g.started = Date.now();
 *   return { id: c.params.id, page: c.query.get('page'), self: c.urlFor('user', { id: c.params.id }) };
 * });
 * ```
 */
export class Context<I extends Input = RawInput, E extends AppEnv = DefaultEnv> implements FormHost {
  /** The path params: from the URL, or the `params` schema's output. */
  params: I['params'];
  /** The app serving the request. */
  readonly app: Flagon<E['g'], E['config'], E['state'], SessionOf<E>>;
  /** The gateway scope of the request, for what the context does not wrap. */
  readonly scope: HttpScope;
  /** The endpoint that matched; `undefined` for a 404, 405, automatic OPTIONS or slash redirect. */
  readonly endpoint: Endpoint | undefined;
  private readonly receive: HttpReceive;
  private readonly send: HttpSend;
  private requestValue: Request | undefined;
  private input: ValidatedInput | undefined;
  private gValue: E['g'] | undefined;
  private tasks: PromiseLike<unknown>[] | undefined;
  private cleanups: Cleanup[] | undefined;
  /** @internal The request's session once loaded (by the sessions feature) or made (by `session`). */
  sessionSlot: Session | undefined;

  constructor(
    app: Flagon<E['g'], E['config'], E['state'], SessionOf<E>>,
    scope: HttpScope,
    receive: HttpReceive,
    send: HttpSend,
    endpoint: Endpoint | undefined,
    params: I['params'],
  ) {
    this.app = app;
    this.scope = scope;
    this.receive = receive;
    this.send = send;
    this.endpoint = endpoint;
    this.params = params;
    this.requestValue = undefined;
    this.input = undefined;
    this.gValue = undefined;
    this.tasks = undefined;
    this.cleanups = undefined;
    this.sessionSlot = undefined;
  }

  /** The request: method, URL, headers, cookies, and the body (read once, cached). */
  get request(): Request {
    this.requestValue ??= new Request(
      this.scope,
      this.receive,
      this.endpoint?.maxBodySize ?? (this.app.config.MAX_BODY_SIZE as number),
      this.app.config.MAX_JSON_DEPTH as number,
      this,
    );
    return this.requestValue;
  }

  /** The query: the `query` schema's output, else the multi-valued `URLSearchParams`. */
  get query(): I['query'] {
    const input = this.input;
    // The schema's output even when it is null or undefined (a schema may transform to either).
    return (input !== undefined && 'query' in input ? input.query : this.request.query) as I['query'];
  }

  /** The headers: the `headers` schema's output, else the case-insensitive request headers. */
  get headers(): I['headers'] {
    const input = this.input;
    return (input !== undefined && 'headers' in input ? input.headers : this.request.headers) as I['headers'];
  }

  /** The body schema's output; `undefined` for a route without one (use `c.request.json()` and friends). */
  get body(): I['body'] {
    return this.input?.body as I['body'];
  }

  /** Request-scoped state (Flask's `g`): set it in a `before` hook, read it in the handler. */
  get g(): E['g'] {
    this.gValue ??= {} as E['g'];
    return this.gValue;
  }

  /** The lifespan state (what `onStartup` hooks stored), as this request's shallow copy. */
  get state(): E['state'] {
    return this.scope.state as E['state'];
  }

  /** The app's config. */
  get config(): Flagon<E['g'], E['config'], E['state']>['config'] {
    return this.app.config;
  }

  /**
   * The session (Flask's `session`): values kept for this browser between requests, in a signed cookie
   * (or a server-side store), typed by the app's session type. Throws when the app has no `SECRET_KEY`.
   *
   * @example
   * ```ts
   * c.session.set('userId', 7);
   * c.session.get('userId'); // 7
   * ```
   */
  get session(): Session<SessionOf<E>> {
    return requestSession(this) as unknown as Session<SessionOf<E>>;
  }

  /**
   * Flashes a message for the next page that reads the flashes (kept in the session), with a category
   * (default `'message'`).
   *
   * @example
   * ```ts
   * c.flash('Note saved', 'success');
   * ```
   */
  flash(message: string, category = 'message'): void {
    flash(requestSession(this), message, category);
  }

  /**
   * The flashed messages, oldest first, removed from the session (shown once); `category` keeps only
   * those of a category (or several). Every call of the same request sees the same messages.
   *
   * @example
   * ```ts
   * c.flashes(); // [{ category: 'success', message: 'Note saved' }]
   * c.flashes({ category: 'error' }); // []
   * ```
   */
  flashes(filter?: FlashFilter): FlashMessage[] {
    return flashes(requestSession(this), filter);
  }

  /**
   * The CSRF token to put in a form (`<input type="hidden" name="csrf_token">`) or an `X-CSRF-Token`
   * header: the session's secret, masked differently on each call. Makes the secret on first use.
   *
   * @example
   * ```ts
   * app.get('/new', (c) => html(`<form method="post"><input type="hidden" name="csrf_token" value="${c.csrfToken()}">...`));
   * ```
   */
  csrfToken(): string {
    return csrfTokenOf(requestSession(this));
  }

  /** Aborted when the client goes away: hand it to `fetch()` and friends so their work stops too. */
  get signal(): AbortSignal {
    return this.scope.signal;
  }

  /** Aborted when the server starts draining while this request runs: finish up promptly. */
  get drain(): AbortSignal {
    return this.scope.drain;
  }

  /**
   * The URL path of endpoint `name` (mount prefix included). A name starting with `.` is relative to
   * the current blueprint: `.show` inside `admin.users` means `admin.users.show`.
   *
   * @example
   * ```ts
   * c.urlFor('get_item', { id: 7 }, { query: { tab: 'reviews' } }); // '/items/7?tab=reviews'
   * ```
   */
  urlFor(name: string, params?: UrlParamInput, options?: UrlForOptions): string {
    let endpoint = name;
    if (name.startsWith('.')) {
      // From the blueprint kept on the endpoint, not the name: a default name can hold a dot (`GET /a.xml`).
      const blueprint = this.endpoint?.blueprint ?? '';
      endpoint = blueprint === '' ? name.slice(1) : `${blueprint}${name}`;
    }
    return this.scope.rootPath + this.app.urlFor(endpoint, params, options);
  }

  /**
   * Renders a template of the app (`<root>/templates`, then the blueprints' folders) into an HTML
   * response: `name` without extension means `.eta`; `data` is `it` in the template, over the globals
   * (`urlFor`, `request`, `app.templateGlobal`s, context processors). Pass a `defineTemplate(...)` to
   * have `data` typed (and validated, with a schema).
   *
   * @example
   * ```ts
   * app.get('/notes', (c) => c.render('notes/list', { notes: [{ title: 'Milk' }] }));
   * ```
   */
  render<D extends object = Record<string, unknown>>(name: string, data?: D, init?: ResponseInit): Response;
  render<D extends object>(template: Template<D>, data: D, init?: ResponseInit): Response;
  render(template: string | Template<object>, data?: object, init?: ResponseInit): Response {
    return renderTemplate(this, template, data, init);
  }

  /**
   * Keeps `task` running past the response: handed to the server when it offers after-response tasks,
   * else awaited once the response is sent, before the request ends. A rejection is logged, never sent.
   *
   * @example
   * ```ts
   * c.waitUntil(sendWelcomeMail(user));
   * ```
   */
  waitUntil(task: PromiseLike<unknown>): void {
    const tasks = this.scope.extensions.tasks;
    if (tasks) tasks.waitUntil(task);
    else {
      this.tasks ??= [];
      this.tasks.push(task);
    }
  }

  /**
   * Sends a `103 Early Hints` with these `Link` values when the server offers it (before the response
   * starts); resolves to whether it was sent.
   *
   * @example
   * ```ts
   * await c.earlyHints(['</app.css>; rel=preload; as=style']);
   * ```
   */
  async earlyHints(links: string | readonly string[]): Promise<boolean> {
    if (!this.scope.extensions.earlyHints) return false;
    const headers = (typeof links === 'string' ? [links] : links).map((link): [string, string] => [
      'link',
      link,
    ]);
    await this.send({ type: 'http.response.early_hints', headers });
    return true;
  }

  /**
   * Validates the request's form (url-encoded or multipart) against `schema` without throwing, for an
   * HTML form that re-renders with its errors and the user's input: `errors` by field name (dotted for
   * nested paths, `_form` for the whole form), `values` the text fields as sent (the last of a repeated
   * one). The form's limits still answer 413/400, another content type 415.
   *
   * @example
   * ```ts
   * const result = await c.validateForm(z.object({ title: z.string().min(1) }));
   * if (!result.success) return c.render('notes/new', { errors: result.errors, values: result.values });
   * ```
   */
  validateForm<S extends ZodType>(schema: S): Promise<FormValidation<output<S>>> {
    return validateForm(this.request, schema);
  }

  /** @internal The upload limits of this request: the route's `uploads` option over the config (forms). */
  uploadSettings(): UploadSettings {
    return uploadSettings(this.app.config as never, this.endpoint?.uploads);
  }

  /** @internal Puts the validated input in place of the raw views (called by dispatch). */
  applyInput(input: ValidatedInput): void {
    this.input = input;
    if ('params' in input) this.params = input.params as I['params'];
  }

  /**
   * Runs `cleanup` once the response is sent (or failed), before the `teardown` hooks, even after an
   * error: what a request made for itself (an upload's temp file) is undone. A failure is logged.
   *
   * @example
   * ```ts
   * c.deferCleanup(() => rm(tempPath, { force: true }));
   * ```
   */
  deferCleanup(cleanup: Cleanup): void {
    this.cleanups ??= [];
    this.cleanups.push(cleanup);
  }

  /** @internal The cleanups to run once the response is sent (dispatch). */
  pendingCleanups(): readonly Cleanup[] {
    return this.cleanups ?? NO_CLEANUPS;
  }

  /** @internal The tasks to await before the request ends, when the server keeps none (dispatch). */
  pendingTasks(): readonly PromiseLike<unknown>[] {
    return this.tasks ?? NO_TASKS;
  }
}
