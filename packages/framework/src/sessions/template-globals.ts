import { CSRF_FIELD } from '../csrf/submitted-token.js';
import type { FeatureContext } from '../features/feature-context.js';

/**
 * The names sessions and CSRF give every rendered template (an `app.contextProcessor`):
 * `flashes(category?)`, `csrfToken` and `csrfField` (the hidden input, safe HTML: the token is
 * base64url). The CSRF ones are getters, so a page that shows no form makes no token (and no cookie)
 * when the template engine reads names lazily; a render that reads them makes one token for both
 * (eta's layout copies every name of the page's data, so each read would otherwise mask anew).
 *
 * @example
 * ```ts
 * app.contextProcessor(sessionTemplateGlobals);
 * ```
 */
export function sessionTemplateGlobals(c: FeatureContext): Record<string, unknown> {
  let token: string | undefined;
  return {
    flashes: (category?: string) => c.flashes(category === undefined ? {} : { category }),
    get csrfToken() {
      token ??= c.csrfToken();
      return token;
    },
    get csrfField() {
      token ??= c.csrfToken();
      return `<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
    },
  };
}
