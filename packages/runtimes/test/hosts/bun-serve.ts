// Bun.serve({ fetch: toFetchHandler(app) }), with the peer and local address from Bun's server.
import { silentLogger, toFetchHandler } from '@flagon/gateway';
import type { Host } from './host.js';
import { urlOf } from './host.js';
import { type BunServer, bunGlobal } from './runtime-globals.js';

export const bunServeHost: Host = {
  name: 'Bun.serve(toFetchHandler(app))',
  fetchHost: true,
  async start(app) {
    const handler = toFetchHandler(app, {
      logger: silentLogger,
      getClient: (request, server?: BunServer) => {
        const peer = server?.requestIP(request);
        return peer ? { host: peer.address, port: peer.port } : null;
      },
      server: (_request, server) => (server ? { host: server.hostname, port: server.port } : null),
    });
    await handler.startup();
    const server = bunGlobal().serve({ hostname: '127.0.0.1', port: 0, fetch: handler });
    return {
      url: urlOf(server.hostname, server.port),
      close: async () => {
        await server.stop(true);
        await handler.shutdown();
      },
    };
  },
};
