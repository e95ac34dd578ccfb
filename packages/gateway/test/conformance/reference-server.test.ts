// The conformance kit against the reference server: every check must pass (or be skipped only for a
// reason the server states, such as an extension it does not offer).
import { describe, it } from 'vitest';
import { defineConformanceSuite } from '../../src/conformance/index.js';
import { serve } from '../../src/server/index.js';

defineConformanceSuite(
  {
    name: 'reference server',
    startServer: async (app) => {
      const server = await serve(app, { port: 0, host: '127.0.0.1', accessLog: false, logLevel: 'silent' });
      return { url: server.url, drain: () => server.drain(), close: () => server.drain() };
    },
  },
  { describe, it },
);
