import type { App } from '../../types.js';

/**
 * What a server answers, in place of the app, for a request target it cannot decode (spec
 * [S-PATH-DECODED]): a plain 400. Running it through an exchange keeps that answer on the same path
 * (framing, HEAD, backpressure) as any other response.
 *
 * @example
 * ```ts
 * const exchange = await host.exchange({ ...request, app: badRequestApp });
 * ```
 */
export const badRequestApp: App = async (_scope, _receive, send) => {
  const body = 'Bad Request';
  await send({
    type: 'http.response.start',
    status: 400,
    headers: [
      ['content-type', 'text/plain; charset=utf-8'],
      ['content-length', String(body.length)],
    ],
  });
  await send({ type: 'http.response.body', body });
};
