import type { HttpScope, Logger } from '@flagon/gateway/core';
import type { Request } from '../request.js';
import type { FlashFilter } from '../sessions/flash.js';
import type { Session } from '../sessions/session.js';
import type { FlashMessage } from '../sessions/session-record.js';

/**
 * What the framework's own features (sessions, CSRF) use of a request's context: a small interface the
 * core's `Context` satisfies, so these features depend on it and never on the core itself.
 */
export interface FeatureContext {
  readonly scope: HttpScope;
  readonly app: { readonly config: object; readonly logger: Logger };
  readonly endpoint: { readonly csrf: boolean | undefined } | undefined;
  readonly request: Request;
  /** The request's session once loaded or made (the sessions feature's slot on the context). */
  sessionSlot: Session | undefined;
  flashes(filter?: FlashFilter): FlashMessage[];
  csrfToken(): string;
}
