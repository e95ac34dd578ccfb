// The reference server, in this process: `serve` from @flagon/gateway/server.
import { serve } from '@flagon/gateway/server';
import type { Host } from './host.js';

export const referenceServerHost: Host = {
  name: 'serve(app) (the reference server)',
  fetchHost: false,
  async start(app) {
    const server = await serve(app, { host: '127.0.0.1', port: 0, accessLog: false, logLevel: 'silent' });
    return { url: server.url, drain: () => server.drain(), close: () => server.drain() };
  },
};
