import type { FeatureContext } from '../features/feature-context.js';
import type { RequestFeature } from '../features/request-feature.js';
import { cookieValue } from '../http/cookies.js';
import { headerValue } from '../http/request-headers.js';
import type { SessionSettings } from './load-session.js';
import { loadSession } from './load-session.js';
import type { SessionHolder } from './request-session.js';
import { saveSession } from './save-session.js';
import type { SessionConfig } from './session-config.js';

/**
 * The request feature behind `c.session`: loads the session cookie before the hooks (verifying its
 * signature may be asynchronous, through Web Crypto or a store, so `c.session` can stay synchronous),
 * saves the session after them. A request without the cookie costs a header lookup and a scan: no
 * crypto; a cookie session on node:crypto costs no promise either.
 *
 * @example
 * ```ts
 * app.addRequestFeature(sessionFeature({ store: undefined, schema: undefined }));
 * ```
 */
export function sessionFeature(settings: SessionSettings): RequestFeature<FeatureContext> {
  return {
    name: 'sessions',
    open(c: FeatureContext) {
      const header = headerValue(c.scope.headers, 'cookie');
      if (header === null) return undefined;
      // The session cookie alone: a record of every cookie (and the request object) cost more, for a
      // handler that seldom reads the others.
      const value = cookieValue(header, (c.app.config as SessionConfig).SESSION_COOKIE_NAME);
      return value === undefined ? undefined : loadSession(c as unknown as SessionHolder, value, settings);
    },
    // Nothing to save unless the request loaded or used its session: no promise either.
    close: (c: FeatureContext, response) =>
      c.sessionSlot === undefined ? undefined : saveSession(c, response, settings),
  };
}
