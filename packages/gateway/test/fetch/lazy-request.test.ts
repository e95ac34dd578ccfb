// Fetch servers with lazy Requests (@hono/node-server) build the whole Request when `body` is read:
// the handler must not read it where Fetch rules a body out (GET, HEAD), and must where one may come.
import type { App } from '@flagon/gateway';
import { toFetchHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { silent } from './test-helpers.js';

const echoLength: App = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  let length = 0;
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    length += event.body.byteLength;
    if (!event.more) break;
  }
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: `${scope.method} ${length}` });
};

/** A Request that counts how often its `body` is asked for. */
function counted(request: Request): { request: Request; reads: () => number } {
  let reads = 0;
  const body = request.body;
  Object.defineProperty(request, 'body', {
    get: () => {
      reads++;
      return body;
    },
  });
  return { request, reads: () => reads };
}

describe('toFetchHandler and the request body', () => {
  const handler = toFetchHandler(echoLength, { logger: silent });

  it.each(['GET', 'HEAD'])('serves a %s without asking the Request for its body', async (method) => {
    const { request, reads } = counted(new Request('http://app.test/', { method }));
    const response = await handler(request);
    expect(response.status).toBe(200);
    if (method === 'GET') expect(await response.text()).toBe('GET 0');
    expect(reads()).toBe(0);
  });

  it('reads the body of a POST', async () => {
    const { request, reads } = counted(new Request('http://app.test/', { method: 'POST', body: 'hello' }));
    const response = await handler(request);
    expect(await response.text()).toBe('POST 5');
    expect(reads()).toBeGreaterThan(0);
  });
});
