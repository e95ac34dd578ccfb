// Who is logged in: the session holds the user's id; each request loads the user into `c.g.user`.
import type { Response } from '@flagon/framework';
import { abort, redirect } from '@flagon/framework';
import { findUserById } from './db/users.js';
import type { NotesContext } from './env.js';

/**
 * A `before` hook: loads the session's user into `c.g.user`. A session naming a user who no longer
 * exists is cleared.
 *
 * @example
 * ```ts
 * app.before(loadCurrentUser);
 * ```
 */
export async function loadCurrentUser(c: NotesContext): Promise<void> {
  const userId = c.session.get('userId');
  if (userId === undefined) return;
  const user = await findUserById(c.state.db, userId);
  if (user === undefined) c.session.clear();
  else c.g.user = user;
}

/**
 * A `before` hook for pages that need a user: without one, the browser is sent to the log-in page.
 *
 * @example
 * ```ts
 * notes.before(requireUser);
 * ```
 */
export function requireUser(c: NotesContext): Response | undefined {
  if (c.g.user !== undefined) return undefined;
  c.flash('Please log in to see your notes.', 'error');
  return redirect(c.urlFor('auth.login'), 303);
}

/** The id in a note URL, or a 404: ids are positive 32-bit integers, as the `serial` column makes them. */
export function noteIdOf(raw: string): number {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : 0;
  if (id === 0 || id > 2 ** 31 - 1) abort(404);
  return id;
}
