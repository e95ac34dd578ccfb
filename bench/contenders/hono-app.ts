/**
 * Hono's bench app, validating the item and the query with the shared zod schemas
 * inline (what `@hono/zod-validator` does, without the extra package). Served by `@hono/node-server`
 * (`hono.ts`) and by `Bun.serve` (`hono-bun.ts`).
 */
import { Hono } from 'hono';
import { CATALOG, catalogPage, catalogQuerySchema } from '../app/catalog.js';
import { itemSchema } from '../app/item.js';
import { GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes } from '../app/route-table.js';
import { renderTable } from '../app/table-template.js';
import { registerPluginRoutes } from './hono-plugin-apps.js';
import { type SignedCookies, webCryptoCookies } from './hono-signed-cookie.js';
import { registerSmallApp } from './hono-small-app.js';

/**
 * Hono's bench app, its session cookie signed by `cookies` (Web Crypto, as `hono/cookie` does, unless
 * told otherwise: see `hono-signed-cookie.ts`).
 *
 * @example
 * ```ts
 * serveOnBun(createHonoApp(syncHmacCookies).fetch);
 * ```
 */
export function createHonoApp(cookies: SignedCookies = webCryptoCookies): Hono {
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

  registerSmallApp(app, cookies);
  registerPluginRoutes(app);
  return app;
}

/** The app as `@hono/node-server` serves it. */
export const app = createHonoApp();
