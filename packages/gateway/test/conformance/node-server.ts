// The conformance tests' server: a node:http server on a free port running an app through the Node bridge.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerUnderTest } from '../../src/conformance/index.js';
import type { App } from '../../src/index.js';
import { silentLogger, toNodeHandler } from '../../src/index.js';

/** A node:http server on a free port running `app` through the Node bridge. */
export async function nodeServer(app: App): Promise<ServerUnderTest> {
  const server = createServer(toNodeHandler(app, { logger: silentLogger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
