import type { App } from '../../types.js';

/**
 * An app that answers every request with a short text/plain `status` response, for what a server
 * answers in the app's place. Running it through an exchange keeps that answer on the same path
 * (framing, HEAD, backpressure) as any other response.
 *
 * @example
 * ```ts
 * await plainAnswerApp(501, 'Not Implemented')(scope, receive, send);
 * ```
 */
export function plainAnswerApp(status: number, text: string): App {
  const length = String(new TextEncoder().encode(text).byteLength);
  return async (_scope, _receive, send) => {
    await send({
      type: 'http.response.start',
      status,
      headers: [
        ['content-type', 'text/plain; charset=utf-8'],
        ['content-length', length],
      ],
    });
    await send({ type: 'http.response.body', body: text });
  };
}

/**
 * The answer to a request target the server cannot decode (spec [S-PATH-DECODED]): a plain 400.
 *
 * @example
 * ```ts
 * const exchange = await host.exchange({ ...request, app: badRequestApp });
 * ```
 */
export const badRequestApp: App = plainAnswerApp(400, 'Bad Request');
