import type { Context } from '../../context.js';
import { headerValue } from '../../http/request-headers.js';
import { withContextVar } from '../context-vars.js';
import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import type { RequestIdOptions, RequestIdSettings } from './options.js';
import { isSaneRequestId, requestIdSettings } from './options.js';

/** What the plugin adds: `c.requestId`, on every request of the app. */
export interface RequestIdAdditions {
  context: { requestId: string };
}

/**
 * A request id for every request of the app (404s and error responses included): `c.requestId`, the
 * `X-Request-ID` response header (for the access log's `%({x-request-id}o)s` and the client's bug
 * reports). An incoming id is reused only when `trust` says so and it is sane; else one is made.
 *
 * @example
 * ```ts
 * const app = new Flagon().use(requestId({ trust: 'always' }));
 * app.get('/', (c) => ({ id: c.requestId }));
 * ```
 */
export function requestId(options: RequestIdOptions = {}): Plugin<RequestIdAdditions> {
  const settings = requestIdSettings(options);
  return definePlugin<RequestIdAdditions>({
    name: 'request-id',
    global: true,
    setup(host) {
      host.withApp((app) => {
        // Read through a getter that chooses the id on first use, rather than `provide` (a before hook):
        // 404s and answers of other features (a CORS preflight) get an id too, and no per-request
        // property is defined on the context (measured: defining one cost more than the rest).
        const contextClass = withContextVar(app.contextClass, 'requestId', 'request-id');
        Object.defineProperty(contextClass.prototype, 'requestId', {
          configurable: true,
          get(this: Context & { [ID]?: string }): string {
            return this[ID] ?? chooseId(settings, this);
          },
        });
        app.contextClass = contextClass;
        app.addRequestFeature({
          name: 'request-id',
          close(c, response) {
            response.headers.set(settings.header, (c as Context & RequestIdAdditions['context']).requestId);
          },
        });
      });
    },
  });
}

/** Where a context keeps its id once chosen. */
const ID = Symbol('request id');

/** The id for a request: the incoming one when trusted and sane, else a new one; kept on `c`. */
function chooseId(settings: RequestIdSettings, c: Context & { [ID]?: string }): string {
  const incoming = headerValue(c.scope.headers, settings.header);
  const id =
    incoming !== null && isSaneRequestId(incoming) && settings.trust(incoming, c)
      ? incoming
      : settings.generate();
  c[ID] = id;
  return id;
}
