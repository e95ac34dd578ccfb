import type { App, Extensions, HttpScope, LifespanScope, Receive, Scope, Send } from '../types.js';
import { checkedExtensions } from './extensions.js';
import { LifespanChecks } from './lifespan.js';
import { guardReceive, HttpReceiveChecks } from './receive.js';
import { checkCall } from './scope.js';
import { ResponseChecks } from './send.js';
import type { Report, ValidateOptions } from './violations.js';
import { Violations } from './violations.js';

/** What the wrapped app is called with, and the check to run once it resolved. */
interface CheckedCall {
  readonly scope: Scope;
  readonly receive: Receive;
  readonly send: Send;
  afterReturn(): void;
}

/**
 * Wraps a gateway app in the spec lint. Every call checks the scope and `receive` events the server
 * passes, the events the app sends, and the app's own lifecycle; a broken rule throws a
 * {@link GatewayValidationError} naming it. App mistakes are thrown from the `send` (or `receive`) call
 * that made them, and the wrapped app rejects with the first violation even if the app swallowed it;
 * server mistakes are thrown to the app from `receive`, or at once for a bad scope.
 *
 * @example
 * ```ts
 * import { createMemoryTransport, validate, type App } from '@flagon/gateway';
 *
 * const app: App = async (scope, receive, send) => {
 *   if (scope.type !== 'http') return;
 *   await send({ type: 'http.response.start', status: 200 });
 *   await send({ type: 'http.response.body', body: 'ok' });
 * };
 * const transport = createMemoryTransport(validate(app));
 * ```
 */
export function validate(app: App, options: ValidateOptions = {}): App {
  return async function validated(scope: Scope, receive: Receive, send: Send): Promise<void> {
    const violations = new Violations(options);
    checkCall(scope, receive, send, violations.report);
    const call =
      scope.type === 'http'
        ? checkedHttpCall(scope, receive, send, violations.report)
        : checkedLifespanCall(scope, receive, send, violations.report);
    try {
      await app(call.scope, call.receive, call.send);
    } catch (error) {
      throw violations.first ?? error;
    }
    call.afterReturn();
    if (violations.first) throw violations.first;
  };
}

function checkedHttpCall(scope: HttpScope, receive: Receive, send: Send, report: Report): CheckedCall {
  const response = new ResponseChecks(scope.extensions, report, scope.method);
  const receiveChecks = new HttpReceiveChecks(scope, response, report);
  const extensions = checkedExtensions(scope.extensions, report);
  return {
    scope: extensions === scope.extensions ? scope : withExtensions(scope, extensions),
    receive: guardReceive(receive, report, () => {
      const afterComplete = response.completeAccepted;
      return (event) => receiveChecks.check(event, afterComplete);
    }),
    async send(event) {
      const completes = response.beforeSend(event);
      const clientGone = scope.signal.aborted;
      await send(event);
      if (clientGone) throw report('send-after-abort', event.type, scope.signal, 'a send that resolved');
      if (completes) response.completeAccepted = true;
    },
    afterReturn: () => response.checkReturn(scope.signal.aborted),
  };
}

/**
 * The scope with other extensions. A proxy rather than a copy: a server's scope may compute keys in
 * getters that read its private fields, which a spread would drop and a prototype link would break.
 */
function withExtensions(scope: HttpScope, extensions: Extensions): HttpScope {
  return new Proxy(scope, {
    get: (target, key) => (key === 'extensions' ? extensions : Reflect.get(target, key)),
  });
}

function checkedLifespanCall(
  scope: LifespanScope,
  receive: Receive,
  send: Send,
  report: Report,
): CheckedCall {
  const lifespan = new LifespanChecks(report);
  return {
    scope,
    receive: guardReceive(receive, report, () => (event) => lifespan.checkReceived(event)),
    async send(event) {
      lifespan.beforeSend(event);
      await send(event);
    },
    afterReturn: () => {},
  };
}
