// Who is logged in, through the framework's auth plugin: the session keeps the user's id, `c.user` is
// the user (loaded once per request) or null, and a browser asking for a page that needs a user is sent
// to the log-in page with a flashed notice and `?next=` the page it asked for.
import { auth } from '@flagon/framework/auth';
import { findUserById } from './db/users.js';
import type { NotesState } from './env.js';

/**
 * The notes app's auth plugin: `app.use(authn)`, then `authn.login(c, user)`, `authn.logout(c)` and
 * `blueprint.before(authn.loginRequired)`.
 *
 * @example
 * ```ts
 * const app = new Flagon<{}, {}, NotesState>().use(authn);
 * ```
 */
export const authn = auth({
  // Ids are positive integers; anything else in a session (an old cookie) finds nobody.
  loadUser: async (id, c) =>
    /^[1-9]\d{0,9}$/.test(id) ? ((await findUserById((c.state as NotesState).db, Number(id))) ?? null) : null,
  userId: (user) => user.id,
  loginUrl: '/login',
  loginMessage: { message: 'Please log in to see your notes.', category: 'error' },
});
