// Sign up, log in, log out, through the auth plugin (authn.ts): a log-in starts a new session, so a
// session made before (by anyone) never carries over into the logged-in one.
import { Blueprint, redirect } from '@flagon/framework';
import { localRedirect } from '@flagon/framework/auth';
import { authn } from './authn.js';
import { createUser, findUserByName } from './db/users.js';
import type { NotesBlueprint, NotesOptions } from './env.js';
import { LoginForm, SignupForm } from './forms.js';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './passwords.js';

/** A form shown again: its errors by field, and what the user typed (never the passwords). */
const retry = (errors: Record<string, string[]>, values: Record<string, string>) => ({
  errors,
  values: { username: values.username ?? '', next: values.next ?? '' },
});

/**
 * The `auth` blueprint: `GET/POST /signup`, `GET/POST /login`, `POST /logout`.
 *
 * @example
 * ```ts
 * app.register(authBlueprint({}));
 * ```
 */
export function authBlueprint(options: NotesOptions): NotesBlueprint {
  const auth: NotesBlueprint = new Blueprint('auth');

  auth.get('/signup', { name: 'signup' }, (c) => c.render('auth/signup', { errors: {}, values: {} }));

  auth.post('/signup', { name: 'signup_post' }, async (c) => {
    const form = await c.validateForm(SignupForm);
    if (!form.success) return c.render('auth/signup', retry(form.errors, form.values), { status: 422 });
    const { username, password } = form.data;
    const user = await createUser(c.state.db, username, await hashPassword(password, options.passwordCost));
    if (user === undefined) {
      const errors = { username: ['That name is taken.'] };
      return c.render('auth/signup', retry(errors, { username }), { status: 422 });
    }
    authn.login(c, user);
    c.flash(`Welcome, ${user.username}! Write your first note.`, 'success');
    return redirect(c.urlFor('notes.list'), 303);
  });

  auth.get('/login', { name: 'login' }, (c) =>
    c.render('auth/login', { errors: {}, values: { next: localRedirect(c.query.get('next')) ?? '' } }),
  );

  auth.post('/login', { name: 'login_post' }, async (c) => {
    const form = await c.validateForm(LoginForm);
    if (!form.success) return c.render('auth/login', retry(form.errors, form.values), { status: 422 });
    const { username, password } = form.data;
    const user = await findUserByName(c.state.db, username);
    // A hash is checked even for an unknown name, so the answer takes as long and says as little.
    const valid = await verifyPassword(password, user?.password_hash ?? UNKNOWN_USER_HASH);
    if (user === undefined || !valid) {
      const errors = { _form: ['Wrong name or password.'] };
      return c.render('auth/login', retry(errors, { username }), { status: 422 });
    }
    authn.login(c, user, { remember: form.data.remember === 'on' });
    c.flash(`Hello again, ${user.username}.`, 'success');
    // Back to the page that asked for a log-in, if it is one of this site's.
    return redirect(localRedirect(form.data.next) ?? c.urlFor('notes.list'), 303);
  });

  auth.post('/logout', { name: 'logout' }, (c) => {
    authn.logout(c);
    c.flash('You are logged out.', 'success');
    return redirect(c.urlFor('auth.login'), 303);
  });

  return auth;
}
