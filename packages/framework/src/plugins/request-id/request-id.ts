import type { Context } from '../../context.js';
import { headerValue } from '../../http/request-headers.js';
import { setContextVar, withContextVar } from '../context-vars.js';
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
        // Set by a request feature rather than `provide` (a before hook): 404s and answers of other
        // features get an id too.
        app.contextClass = withContextVar(app.contextClass, 'requestId', 'request-id');
        app.addRequestFeature({
          name: 'request-id',
          open(c) {
            idOf(settings, c);
          },
          close(c, response) {
            response.headers.set(settings.header, idOf(settings, c));
          },
        });
      });
    },
  });
}

/** The request's id, chosen on first use (in `close` when an earlier feature answered before `open`). */
function idOf(settings: RequestIdSettings, c: Context): string {
  if (Object.hasOwn(c, 'requestId')) return (c as Context & { requestId: string }).requestId;
  const incoming = headerValue(c.scope.headers, settings.header);
  const id =
    incoming !== null && isSaneRequestId(incoming) && settings.trust(incoming, c)
      ? incoming
      : settings.generate();
  setContextVar(c, 'requestId', id);
  return id;
}
