import { CSRF_FIELD } from '../csrf/submitted-token.js';
import type { FeatureContext } from '../features/feature-context.js';

/**
 * The names sessions and CSRF give every rendered template (an `app.contextProcessor`):
 * `flashes(category?)`, `csrfToken` and `csrfField` (the hidden input, safe HTML: the token is
 * base64url). The CSRF ones are getters, so a page that shows no form makes no token (and no cookie)
 * when the template engine reads names lazily.
 *
 * @example
 * ```ts
 * app.contextProcessor(sessionTemplateGlobals);
 * ```
 */
export function sessionTemplateGlobals(c: FeatureContext): Record<string, unknown> {
  return {
    flashes: (category?: string) => c.flashes(category === undefined ? {} : { category }),
    get csrfToken() {
      return c.csrfToken();
    },
    get csrfField() {
      return `<input type="hidden" name="${CSRF_FIELD}" value="${c.csrfToken()}">`;
    },
  };
}
