/**
 * Contender: Hono on `@hono/node-server`, validating the item and the query with the shared zod schemas
 * inline (what `@hono/zod-validator` does, without the extra package).
 */
import { getRequestListener, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { CATALOG, catalogPage, catalogQuerySchema } from '../app/catalog.js';
import { itemSchema } from '../app/item.js';
import { GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes } from '../app/route-table.js';
import { renderTable } from '../app/table-template.js';
import { registerSmallApp } from './hono-small-app.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

const app = new Hono();

app.get(PATHS.plaintext, (c) => c.text(GREETING));
app.get(PATHS.json, (c) => c.json(GREETING_JSON));

for (const route of benchRoutes()) {
  app.get(route.path, (c) => c.json(c.req.param()));
}

app.get(PATHS.template, (c) => c.html(renderTable()));

app.post(PATHS.items, async (c) => {
  const input: unknown = await c.req.json().catch(() => undefined);
  const parsed = itemSchema.safeParse(input);
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
  return c.json(parsed.data, 201);
});

app.get(PATHS.items, (c) => {
  const parsed = catalogQuerySchema.safeParse(c.req.query());
  if (!parsed.success) return c.json({ error: parsed.error.issues }, 400);
  return c.json(catalogPage(parsed.data));
});
app.get(PATHS.catalog, (c) => c.json(CATALOG));

registerSmallApp(app);

/** What `serve` runs each request through. */
export const createListener = (): RequestListener => getRequestListener(app.fetch);

if (runsAsServer(import.meta.url)) {
  serve({ fetch: app.fetch, port: benchPort(), hostname: BENCH_HOST }, (info) =>
    announceListening(info.port),
  );
}
