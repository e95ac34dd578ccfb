// `@flagon/framework/auth`: login, logout, `c.user` and a login guard on top of sessions.
export type { Auth, AuthContext, AuthOptions, LoginOptions } from './auth-plugin.js';
export { auth } from './auth-plugin.js';
export { localRedirect } from './local-redirect.js';
export type { RememberSettings } from './remember-cookie.js';
