// toFetchHandler(app) is accepted as written in each host's docs: `serve({ fetch: handler })` with the
// handler in a variable (no contextual typing to lean on), for @hono/node-server, srvx, Bun and Deno.
// tsc checks the types (npm test runs it); the tests check what the handler does with each context.
import { type App, createLogger, toFetchHandler } from '@flagon/gateway';
import type { Http2Bindings, HttpBindings, serve as honoServe } from '@hono/node-server';
import type { serve as srvxServe } from 'srvx';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BunServer, DenoServeHandlerInfo } from './hosts/runtime-globals.js';

type HonoFetch = Parameters<typeof honoServe>[0]['fetch'];
type SrvxFetch = NonNullable<Parameters<typeof srvxServe>[0]['fetch']>;
type BunFetch = (request: Request, server: BunServer) => Response | Promise<Response>;
type DenoHandler = (request: Request, info: DenoServeHandlerInfo) => Response | Promise<Response>;

const app: App = async (scope, _receive, send) => {
  if (scope.type !== 'http') return;
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({
    type: 'http.response.body',
    body: `${scope.client?.host ?? 'nobody'} over ${scope.httpVersion}`,
  });
};
const silent = createLogger('silent');

describe("toFetchHandler's type fits every host's fetch option", () => {
  it('fits them as it is, without connection readers', () => {
    const handler = toFetchHandler(app, { logger: silent });
    expectTypeOf(handler).toExtend<HonoFetch>();
    expectTypeOf(handler).toExtend<SrvxFetch>();
    expectTypeOf(handler).toExtend<BunFetch>();
    expectTypeOf(handler).toExtend<DenoHandler>();
    expectTypeOf(handler).toBeCallableWith(new Request('http://a.test/'));
    expectTypeOf(handler).toBeCallableWith(new Request('http://a.test/'), {
      waitUntil: (_task: Promise<unknown>) => {},
    });
  });

  it("fits its host with readers typed by the host's context, and reads the connection from it", async () => {
    const handler = toFetchHandler(app, {
      logger: silent,
      getClient: (_request, env?: HttpBindings | Http2Bindings) =>
        env
          ? { host: env.incoming.socket.remoteAddress ?? '?', port: env.incoming.socket.remotePort ?? null }
          : null,
      getHttpVersion: (_request, env) => env?.incoming.httpVersion ?? null,
    });
    expectTypeOf(handler).toExtend<HonoFetch>();
    const incoming = { socket: { remoteAddress: '192.0.2.7', remotePort: 5000 }, httpVersion: '1.0' };
    const env = { incoming, outgoing: {} } as unknown as HttpBindings;
    const res = await handler(new Request('http://a.test/'), env);
    expect(await res.text()).toBe('192.0.2.7 over 1.0');
    const bare = await handler(new Request('http://a.test/'));
    expect(await bare.text()).toBe('nobody over 1.1');
    await handler.shutdown();
  });

  it('takes the server address as a function of the request and context', async () => {
    let seen: unknown;
    const handler = toFetchHandler(
      async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        seen = scope.server;
        await send({ type: 'http.response.start', status: 204 });
        await send({ type: 'http.response.body' });
      },
      {
        logger: silent,
        server: (request, server?: BunServer) =>
          server ? { host: new URL(request.url).hostname, port: server.port } : null,
      },
    );
    expectTypeOf(handler).toExtend<BunFetch>();
    const server = { port: 8123 } as BunServer;
    expect((await handler(new Request('http://b.test/'), server)).status).toBe(204);
    expect(seen).toEqual({ host: 'b.test', port: 8123 });
    await handler.shutdown();
  });
});
