import type { HttpScope } from '@flagon/gateway/core';
import type { Context } from '../../context.js';
import { prefersHtml } from '../../http/media-type.js';
import { headerValue } from '../../http/request-headers.js';
import type { Response } from '../../response.js';
import { json } from '../../responses/json.js';
import { redirect } from '../../responses/redirect.js';
import type { SessionConfig } from '../../sessions/session-config.js';
import type { AppEnv, RawInput } from '../../types.js';
import { setContextVar } from '../context-vars.js';
import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import type { RememberSettings } from './remember-cookie.js';
import { rememberedUserId, setRememberCookie } from './remember-cookie.js';

/** The session keys auth keeps (Flask-Login's names). */
const USER_ID_KEY = '_user_id';
const FRESH_KEY = '_fresh';

/**
 * What the auth functions need of a request's context: any route's, as long as the app has `c.user`
 * (a guard on an app without auth is a compile error).
 */
export interface AuthContext<U> {
  readonly user: U | null;
  readonly scope: HttpScope;
  readonly session: object;
  flash(message: string, category?: string): void;
}

/** Options of {@link auth}. */
export interface AuthOptions<U> {
  /** Finds the user of a stored id (`null` when there is none any more: the session is then logged out). */
  loadUser(id: string, c: Context<RawInput, AppEnv>): U | null | Promise<U | null>;
  /**
   * The id to keep in the session and the remember-me cookie. Return a token that changes with the
   * password (not only the database id) and a password change logs every other browser out.
   */
  userId(user: U): string | number;
  /**
   * Where `loginRequired` sends a browser: a path of the app (the mount prefix is added), or a function
   * of the request giving the whole URL. Default `'/login'`.
   */
  loginUrl?: string | ((c: { readonly scope: HttpScope }) => string);
  /**
   * A message flashed when `loginRequired` sends a browser to the login page (Flask-Login's
   * `login_message`), with its category (default `'message'`). Default: none.
   */
  loginMessage?: string | { message: string; category: string };
  /** The remember-me cookie: its name and lifetime in seconds. Default `remember_token`, 365 days. */
  remember?: Partial<RememberSettings>;
}

/** Options of `login`. */
export interface LoginOptions {
  /** Also set the remember-me cookie, which logs the browser in again once the session has expired. */
  remember?: boolean;
}

/** The auth plugin: use it on the app (`app.use(authn)`), then call its functions in handlers and hooks. */
export interface Auth<U> extends Plugin<{ context: { user: U | null } }> {
  /**
   * Logs `user` in for this browser: a fresh session (against fixation) holding the user's id, `c.user`
   * set at once, and with `remember` a remember-me cookie.
   */
  login(c: AuthContext<U>, user: U, options?: LoginOptions): void;
  /** Logs out: the session cleared (flashes kept), the remember-me cookie deleted, `c.user` null. */
  logout(c: AuthContext<U>): void;
  /**
   * A `before` hook for the routes that need a user: a browser (one that accepts HTML) is redirected to
   * the login page with `?next=` the page it asked for; anything else gets a 401 JSON error.
   */
  loginRequired(c: AuthContext<U>): Response | undefined;
  /** Whether the session was logged in on this visit, not restored from the remember-me cookie. */
  isFresh(c: AuthContext<U>): boolean;
}

/**
 * Login and logout on top of sessions (Flask-Login's model): `c.user` is the logged-in user (typed by
 * `loadUser`) or `null`, `loginRequired` guards routes and blueprints, remember-me keeps a browser logged
 * in past its session. Needs the app's `SECRET_KEY`.
 *
 * @example
 * ```ts
 * const users = new Map([['1', { id: 1, name: 'Ada' }]]);
 * const authn = auth({ loadUser: (id) => users.get(id) ?? null, userId: (user) => user.id });
 * const app = new Flagon({ config: { SECRET_KEY: 'a long random string' } }).use(authn);
 * app.get('/me', (c) => ({ user: c.user?.name ?? null }));
 * ```
 */
export function auth<U>(options: AuthOptions<U>): Auth<U> {
  const remember: RememberSettings = {
    cookieName: options.remember?.cookieName ?? 'remember_token',
    maxAge: options.remember?.maxAge ?? 365 * 24 * 60 * 60,
  };
  // What login/logout asked of the response, applied by the plugin's `after` hook.
  const cookieActions = new WeakMap<object, { set: string } | { clear: true }>();
  const loginUrl = options.loginUrl ?? '/login';

  const plugin = definePlugin<{ context: { user: U | null } }>({
    name: 'auth',
    setup(host) {
      host.provide('user', async (c) => {
        const session = c.session as AuthSession;
        const stored = session.get(USER_ID_KEY);
        let id = typeof stored === 'string' ? stored : undefined;
        if (id === undefined) {
          id = await rememberedUserId(
            c.request.cookies[remember.cookieName],
            c.config as SessionConfig,
            remember,
          );
          if (id === undefined) return null;
          session.set(USER_ID_KEY, id);
          session.set(FRESH_KEY, false);
        }
        const user = await options.loadUser(id, c as unknown as Context<RawInput, AppEnv>);
        if (user === null) {
          session.delete(USER_ID_KEY);
          session.delete(FRESH_KEY);
          cookieActions.set(c, { clear: true });
        }
        return user;
      });
      host.after(async (c, response) => {
        const action = cookieActions.get(c);
        if (action === undefined) return;
        // Deleted only where the browser has one: no Set-Cookie noise on every login.
        if ('clear' in action) {
          if (c.request.cookies[remember.cookieName] !== undefined)
            response.deleteCookie(remember.cookieName);
        } else await setRememberCookie(response, action.set, c.config as SessionConfig, remember);
      });
    },
  });

  return Object.assign(plugin, {
    login(c: AuthContext<U>, user: U, loginOptions: LoginOptions = {}): void {
      const session = c.session as AuthSession;
      const kept = session.takeFlashes();
      const id = String(options.userId(user));
      // A new session for the new identity: whatever an attacker planted before login is gone.
      session.clear();
      for (const { category, message } of kept) session.addFlash(category, message);
      session.set(USER_ID_KEY, id);
      session.set(FRESH_KEY, true);
      setContextVar(c, 'user', user);
      cookieActions.set(c, loginOptions.remember === true ? { set: id } : { clear: true });
    },
    logout(c: AuthContext<U>): void {
      const session = c.session as AuthSession;
      const kept = session.takeFlashes();
      session.clear();
      for (const { category, message } of kept) session.addFlash(category, message);
      setContextVar(c, 'user', null);
      cookieActions.set(c, { clear: true });
    },
    loginRequired(c: AuthContext<U>): Response | undefined {
      if (c.user !== null) return undefined;
      if (prefersHtml(headerValue(c.scope.headers, 'accept'))) {
        const notice = options.loginMessage;
        if (typeof notice === 'string') c.flash(notice);
        else if (notice !== undefined) c.flash(notice.message, notice.category);
        const { rootPath, rawPath, queryString } = c.scope;
        const target = typeof loginUrl === 'function' ? loginUrl(c) : `${rootPath}${loginUrl}`;
        const here = `${rootPath}${rawPath}${queryString === '' ? '' : `?${queryString}`}`;
        const separator = target.includes('?') ? '&' : '?';
        return redirect(`${target}${separator}next=${encodeURIComponent(here)}`, 302);
      }
      return json({ error: 'Unauthorized', message: 'Log in to use this' }, { status: 401 });
    },
    isFresh(c: AuthContext<U>): boolean {
      return c.user !== null && (c.session as AuthSession).get(FRESH_KEY) === true;
    },
  });
}

/** The session as auth uses it: its own keys, and flashes kept across login and logout. */
interface AuthSession {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
  delete(key: string): unknown;
  clear(): unknown;
  takeFlashes(): readonly { category: string; message: string }[];
  addFlash(category: string, message: string): void;
}
