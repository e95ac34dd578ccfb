// @hono/node-server's serve({ fetch: toFetchHandler(app) }), the connection read from env.incoming.
import type { AddressInfo } from 'node:net';
import { silentLogger, toFetchHandler } from '@flagon/gateway';
import { type Http2Bindings, type HttpBindings, serve } from '@hono/node-server';
import type { Host } from './host.js';
import { urlOf } from './host.js';
import { nodeConnection } from './node-socket.js';

export const honoNodeServerHost: Host = {
  name: '@hono/node-server serve({ fetch: toFetchHandler(app) })',
  fetchHost: true,
  async start(app) {
    const handler = toFetchHandler(app, {
      logger: silentLogger,
      ...nodeConnection((_request, env?: HttpBindings | Http2Bindings) => env?.incoming),
    });
    await handler.startup();
    const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
      (resolve) => {
        const started = serve({ fetch: handler, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
          resolve({ server: started, port: info.port }),
        );
      },
    );
    return {
      url: urlOf('127.0.0.1', port),
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await handler.shutdown();
      },
    };
  },
};
