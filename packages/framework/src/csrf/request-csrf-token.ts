import type { Session } from '../sessions/session.js';
import { maskCsrfSecret, newCsrfSecret } from './csrf-token.js';

/**
 * A CSRF token for `session` (`c.csrfToken()`): its secret (made and saved on first use), masked anew.
 *
 * @example
 * ```ts
 * csrfTokenOf(c.session); // 86 base64url characters
 * ```
 */
export function csrfTokenOf(session: Session): string {
  return maskCsrfSecret(session.csrfSecret(newCsrfSecret));
}
