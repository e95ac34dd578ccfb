import type { Host } from './host.js';

/** The hosts of the matrix by name, each imported only when asked for (srvx and Hono only load on Node). */
export const HOSTS = {
  'node-http': async () => (await import('./node-http.js')).nodeHttpHost,
  'reference-server': async () => (await import('./reference-server.js')).referenceServerHost,
  'bun-serve': async () => (await import('./bun-serve.js')).bunServeHost,
  'deno-serve': async () => (await import('./deno-serve.js')).denoServeHost,
  srvx: async () => (await import('./srvx.js')).srvxHost,
  'hono-node-server': async () => (await import('./hono-node-server.js')).honoNodeServerHost,
} satisfies Record<string, () => Promise<Host>>;

export type HostName = keyof typeof HOSTS;
