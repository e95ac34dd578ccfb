/**
 * The Flagon framework's bench app, written the way the docs show: typed
 * params, the item validated by the route's body schema, and the small JSON answers written through
 * response schemas (as Fastify's contender gets fast-json-stringify from its response schemas). Served
 * by the reference server (`flagon.ts`) and through `toFetchHandler` (`flagon-fetch.ts`, `flagon-bun.ts`).
 */
import { Flagon, html, text } from '@flagon/framework';
import { z } from 'zod';
import { CATALOG, catalogListSchema, catalogPage, catalogQuerySchema } from '../app/catalog.js';
import { itemSchema } from '../app/item.js';
import { GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes, wildcardPath } from '../app/route-table.js';
import { SECRET_KEY } from '../app/session.js';
import { APP_DIR } from '../app/static-file.js';
import { renderTable } from '../app/table-template.js';
import { withPluginApps } from './flagon-plugin-apps.js';
import { registerSmallApp } from './flagon-small-app.js';

// The app's root is `bench/app`, whose `templates/` and `static/` the small-app scenarios use; its
// secret key turns sessions and CSRF protection on, as it would in any app with a login.
const app = new Flagon({ root: APP_DIR, config: { SECRET_KEY } });

app.get(PATHS.plaintext, () => text(GREETING));
/** An object of string fields, as the JSON and param answers are. */
function stringsSchema(names: readonly string[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.string()])));
}

app.get(PATHS.json, { response: stringsSchema(['message']) }, () => GREETING_JSON);

for (const route of benchRoutes()) {
  // The paths are strings built at run time, so their params are typed loosely: every one is matched.
  app.get(
    wildcardPath(route.path, 'named'),
    { response: stringsSchema(route.params) },
    (c) => c.params as Record<string, string>,
  );
}

app.get(PATHS.template, () => html(renderTable()));
// Written through a response schema, as Fastify's route is: since long strings are checked by a regex
// rather than handed to JSON.stringify, the schema's writer is the faster one for this 1 KiB item
// (~2.9 against ~5.8 us, measured; it was 2.6 against 2.3 before, when the route had none).
// A JSON API route: no form posts it, so it opts out of CSRF protection, as the CSRF docs show.
app.post(PATHS.items, { body: itemSchema, response: itemSchema, status: 201, csrf: false }, (c) => c.body);

// The query validated by the route's query schema; both lists written through a response schema.
app.get(PATHS.items, { query: catalogQuerySchema, response: catalogListSchema }, (c) => catalogPage(c.query));
app.get(PATHS.catalog, { response: catalogListSchema }, () => CATALOG);

registerSmallApp(app);

/** The bench app as the contenders serve it: the plugin scenarios' apps in front of it by path. */
export const benchApp = withPluginApps(app);
