/**
 * Fastify's side of the plugin scenarios, each group of routes an encapsulated plugin (as
 * `fastify-small-app.ts` does) so the plugins run for their route only: @fastify/cors, @fastify/helmet and
 * @fastify/rate-limit (memory store, the IETF draft's headers), the request id from the server's
 * `genReqId` sent back by an `onSend` hook, and @fastify/compress.
 */
import fastifyCompress from '@fastify/compress';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { GREETING_JSON, PATHS } from '../app/payloads.js';
import {
  ALLOWED_ORIGIN,
  COMPRESSED_LIST,
  GZIP_LEVEL,
  RATE_LIMIT,
  REQUEST_ID_HEADER,
} from '../app/plugins.js';

const MESSAGE_SCHEMA = { type: 'object', properties: { message: { type: 'string' } } } as const;

async function pluginRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCors, { origin: ALLOWED_ORIGIN });
  await app.register(fastifyHelmet);
  await app.register(fastifyRateLimit, {
    max: RATE_LIMIT.limit,
    timeWindow: RATE_LIMIT.windowSeconds * 1000,
    enableDraftSpec: true,
  });
  // Fastify makes the id (`genReqId`, set on the server) but does not send it: the usual hook does.
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.get(PATHS.plugins, { schema: { response: { 200: MESSAGE_SCHEMA } } }, async () => GREETING_JSON);
}

async function compressedRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, { encodings: ['gzip'], zlibOptions: { level: GZIP_LEVEL } });
  app.get(PATHS.compressed, async () => COMPRESSED_LIST);
}

/**
 * Registers the plugin scenarios' routes on `app` (created with `genReqId` making a UUID).
 *
 * @example
 * ```ts
 * await registerPluginRoutes(Fastify({ genReqId: () => randomUUID() }));
 * ```
 */
export async function registerPluginRoutes(app: FastifyInstance): Promise<void> {
  await app.register(pluginRoutes);
  await app.register(compressedRoutes);
}
