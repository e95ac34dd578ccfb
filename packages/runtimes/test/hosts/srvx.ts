// srvx's serve({ fetch: toFetchHandler(app) }) on Node, the connection read from request.runtime.node.req.
import { silentLogger, toFetchHandler } from '@flagon/gateway';
import { type ServerRequest, serve } from 'srvx';
import type { Host } from './host.js';
import { nodeConnection } from './node-socket.js';

export const srvxHost: Host = {
  name: 'srvx serve({ fetch: toFetchHandler(app) })',
  fetchHost: true,
  async start(app) {
    const handler = toFetchHandler(app, {
      logger: silentLogger,
      ...nodeConnection((request) => (request as ServerRequest).runtime?.node?.req),
    });
    await handler.startup();
    const server = serve({
      fetch: handler,
      hostname: '127.0.0.1',
      port: 0,
      silent: true,
      gracefulShutdown: false,
    });
    await server.ready();
    const url = server.url;
    if (!url) throw new Error('srvx did not say where it listens');
    return {
      url: url.replace(/\/$/, ''),
      close: async () => {
        await server.close(true);
        await handler.shutdown();
      },
    };
  },
};
