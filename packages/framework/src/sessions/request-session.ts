import type { Logger } from '@flagon/gateway/core';
import { Session } from './session.js';
import type { SessionConfig } from './session-config.js';
import { signingKeys } from './session-config.js';

/** What the session needs of a request's context (the `Context` itself). */
export interface SessionHolder {
  /** @internal The request's session once loaded or made. */
  sessionSlot: Session | undefined;
  readonly app: { readonly config: object; readonly logger: Logger };
}

/**
 * The request's session (`c.session`): the one loaded from its cookie, else a new empty one. Throws
 * when the app has no `SECRET_KEY`, at the first use rather than when the app starts, so an app that
 * never uses sessions needs none.
 *
 * @example
 * ```ts
 * requestSession(c).set('theme', 'dark');
 * ```
 */
export function requestSession(c: SessionHolder): Session {
  let session = c.sessionSlot;
  if (session === undefined) {
    signingKeys(c.app.config as SessionConfig); // throws without a SECRET_KEY
    session = new Session();
    c.sessionSlot = session;
  }
  session.accessed = true;
  return session;
}
