// http.createServer(toNodeHandler(app)), as docs/server.md shows it: checkContinue routed to the handler.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { silentLogger, toNodeHandler } from '@flagon/gateway';
import type { Host } from './host.js';
import { urlOf } from './host.js';

export const nodeHttpHost: Host = {
  name: 'http.createServer(toNodeHandler(app))',
  fetchHost: false,
  async start(app) {
    const handler = toNodeHandler(app, { logger: silentLogger });
    const server = createServer(handler).on('checkContinue', handler.checkContinue);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: urlOf('127.0.0.1', port),
      close: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  },
};
