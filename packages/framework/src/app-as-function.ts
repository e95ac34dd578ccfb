import type { Logger } from '@flagon/gateway/core';

/**
 * Gives the app's prototype the methods every function has (`apply`, `call`, `bind`): the app is a
 * function whose prototype is its class's, so without them a library calling `handler.apply(...)`
 * (Node's `http.createServer`, under supertest) failed with "handler.apply is not a function".
 *
 * @example
 * ```ts
 * addFunctionMethods(Flagon.prototype); // app.call(undefined, scope, receive, send) works
 * ```
 */
export function addFunctionMethods(prototype: object): void {
  for (const name of ['apply', 'call', 'bind'] as const) {
    if (Object.hasOwn(prototype, name)) continue;
    Object.defineProperty(prototype, name, {
      value: Function.prototype[name],
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/** The part of Node's `(req, res)` the app needs to answer a misuse: duck-typed, no `node:http`. */
interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
  headersSent?: boolean;
}

/** What a Node request listener call `(req, res)` is told: the app speaks the gateway interface. */
export const NODE_CALL_MESSAGE =
  'A Flagon app is a gateway app, called as (scope, receive, send), not a Node request listener ' +
  "(req, res). Wrap it: `import { toNodeHandler } from '@flagon/gateway'` and pass `toNodeHandler(app)` " +
  '(to http.createServer, supertest, Express...), or test it with createTestClient(app) from @flagon/framework/testing.';

/**
 * When the app was called as a Node request listener (`http.createServer(app)`, `supertest(app)`),
 * answers that request at once with a 500 saying how to wrap the app, logs the same, and returns true;
 * false for any other call. Only looked at for a scope that is not `http` or `lifespan`.
 *
 * @example
 * ```ts
 * if (answerNodeCall(scope, receive, app.logger)) return Promise.resolve();
 * ```
 */
export function answerNodeCall(scope: unknown, receive: unknown, logger: Logger): boolean {
  if (!isNodeResponse(receive) || typeof (scope as { method?: unknown }).method !== 'string') return false;
  logger.error(NODE_CALL_MESSAGE);
  if (receive.headersSent !== true) {
    receive.statusCode = 500;
    receive.setHeader('content-type', 'text/plain; charset=utf-8');
  }
  receive.end(`${NODE_CALL_MESSAGE}\n`);
  return true;
}

function isNodeResponse(value: unknown): value is NodeResponseLike {
  const candidate = value as Partial<NodeResponseLike> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.setHeader === 'function' &&
    typeof candidate.end === 'function'
  );
}
