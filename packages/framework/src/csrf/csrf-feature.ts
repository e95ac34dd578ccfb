import type { FeatureContext } from '../features/feature-context.js';
import type { RequestFeature } from '../features/request-feature.js';
import type { SessionConfig } from '../sessions/session-config.js';
import { CSRFError } from './csrf-error.js';
import { csrfTokenMatches } from './csrf-token.js';
import { crossOriginRefusal } from './origin-check.js';
import { submittedCsrfToken } from './submitted-token.js';

/** The methods that change state, and so must come from the app's own pages. */
const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF protection, before any hook runs: an unsafe request to a route that did not opt out
 * (`csrf: false` on the route or its blueprint) must pass the `Sec-Fetch-Site` / `Origin` check, then
 * carry the session's token; else a 403 {@link CSRFError} saying what was wrong. Requests no route
 * serves (404, 405) are left to their error.
 *
 * @example
 * ```ts
 * app.addRequestFeature(csrfFeature);
 * ```
 */
export const csrfFeature: RequestFeature<FeatureContext> = {
  name: 'csrf',
  open(c: FeatureContext) {
    if (!UNSAFE_METHODS.has(c.scope.method)) return undefined;
    const endpoint = c.endpoint;
    if (endpoint === undefined || endpoint.csrf === false) return undefined;
    const refusal = crossOriginRefusal(c.scope, (c.app.config as SessionConfig).CSRF_TRUSTED_ORIGINS);
    if (refusal !== undefined) throw new CSRFError(refusal);
    return checkToken(c);
  },
};

async function checkToken(c: FeatureContext): Promise<undefined> {
  const token = await submittedCsrfToken(c.request);
  if (token === undefined)
    throw new CSRFError('CSRF token missing (form field csrf_token or header X-CSRF-Token)');
  // Read without making one: a request whose session has no secret cannot hold a valid token.
  const secret = c.sessionSlot?.existingCsrfSecret;
  if (secret === undefined)
    throw new CSRFError(
      'CSRF token invalid: the session has none (no session cookie: expired, or cookies blocked?)',
    );
  if (!csrfTokenMatches(secret, token)) throw new CSRFError('CSRF token invalid');
  return undefined;
}
