// Deno.serve(handler), with the peer address from Deno's connection info and the local one from its server.
import { type Address, silentLogger, toFetchHandler } from '@flagon/gateway';
import type { Host } from './host.js';
import { urlOf } from './host.js';
import { type DenoServeHandlerInfo, denoGlobal } from './runtime-globals.js';

export const denoServeHost: Host = {
  name: 'Deno.serve(toFetchHandler(app))',
  fetchHost: true,
  async start(app) {
    let local: Address | null = null;
    const handler = toFetchHandler(app, {
      logger: silentLogger,
      getClient: (_request, info?: DenoServeHandlerInfo) =>
        info ? { host: info.remoteAddr.hostname, port: info.remoteAddr.port } : null,
      server: () => local,
    });
    await handler.startup();
    const stop = new AbortController();
    const server = denoGlobal().serve(
      { hostname: '127.0.0.1', port: 0, signal: stop.signal, onListen: () => {} },
      handler,
    );
    local = { host: server.addr.hostname, port: server.addr.port };
    return {
      url: urlOf(server.addr.hostname, server.addr.port),
      close: async () => {
        stop.abort();
        await server.finished;
        await handler.shutdown();
      },
    };
  },
};
