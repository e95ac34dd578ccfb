/**
 * Contender: Fastify 5, logger off, at its strongest: JSON Schema validation of the body (Ajv) and
 * response schemas, so JSON replies go through fast-json-stringify. Its default content types are
 * already the expected ones, except for HTML.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import {
  CATALOG,
  type CatalogQuery,
  catalogListJsonSchema,
  catalogPage,
  catalogQueryJsonSchema,
} from '../app/catalog.js';
import { itemJsonSchema } from '../app/item.js';
import { CONTENT_TYPE, GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes } from '../app/route-table.js';
import { renderTable } from '../app/table-template.js';
import { registerPluginRoutes } from './fastify-plugin-apps.js';
import { registerSmallApp } from './fastify-small-app.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

// A UUID per request, as the plugins scenario's request id: Fastify makes one for every request anyway.
const app = Fastify({ logger: false, genReqId: () => randomUUID() });

/** A response schema of an object whose properties are all strings. */
function stringsSchema(names: readonly string[]) {
  return { type: 'object', properties: Object.fromEntries(names.map((name) => [name, { type: 'string' }])) };
}

app.get(PATHS.plaintext, async () => GREETING);

app.get(PATHS.json, { schema: { response: { 200: stringsSchema(['message']) } } }, async () => GREETING_JSON);

for (const route of benchRoutes()) {
  app.get(route.path, { schema: { response: { 200: stringsSchema(route.params) } } }, async (request) => {
    return request.params;
  });
}

app.get(PATHS.template, async (_request, reply) => {
  reply.type(CONTENT_TYPE.html);
  return renderTable();
});

app.post(
  PATHS.items,
  { schema: { body: itemJsonSchema, response: { 201: itemJsonSchema } } },
  async (request, reply) => {
    reply.code(201);
    return request.body;
  },
);

app.get<{ Querystring: CatalogQuery }>(
  PATHS.items,
  { schema: { querystring: catalogQueryJsonSchema, response: { 200: catalogListJsonSchema } } },
  async (request) => catalogPage(request.query),
);
app.get(PATHS.catalog, { schema: { response: { 200: catalogListJsonSchema } } }, async () => CATALOG);

await registerSmallApp(app);
await registerPluginRoutes(app);

/** `fastify.routing` is the listener Fastify's own server runs each request through. */
export const createListener = async (): Promise<RequestListener> => {
  await app.ready();
  return app.routing;
};

if (runsAsServer(import.meta.url)) {
  const address = await app.listen({ port: benchPort(), host: BENCH_HOST });
  announceListening(Number(new URL(address).port));
}
