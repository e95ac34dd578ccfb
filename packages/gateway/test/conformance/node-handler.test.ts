// The conformance kit against a plain node:http server running toNodeHandler(app), set up as documented
// (checkContinue routed to the handler): no lifespan and no drain() here, so the checks that need them
// are skipped; every other check must pass.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'vitest';
import { defineConformanceSuite } from '../../src/conformance/index.js';
import { silentLogger, toNodeHandler } from '../../src/index.js';

defineConformanceSuite(
  {
    name: 'http.createServer(toNodeHandler(app))',
    startServer: async (app) => {
      const handler = toNodeHandler(app, { logger: silentLogger });
      const server = createServer(handler).on('checkContinue', handler.checkContinue);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
  },
  { describe, it },
);
