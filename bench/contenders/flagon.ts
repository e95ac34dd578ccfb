/**
 * Contender: the Flagon framework on Flagon's reference server, written the way the docs show:
 * response helpers, typed params, and the item validated by the route's body schema.
 */
import { Flagon, html, json, text } from '@flagon/framework';
import { itemSchema } from '../app/item.js';
import { GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes } from '../app/route-table.js';
import { renderTable } from '../app/table-template.js';
import { serveForBench } from './reference-server.js';

const app = new Flagon();

app.get(PATHS.plaintext, () => text(GREETING));
app.get(PATHS.json, () => json(GREETING_JSON));

for (const route of benchRoutes()) {
  app.get(route.path, (c) => json(c.params));
}

app.get(PATHS.template, () => html(renderTable()));
app.post(PATHS.items, { body: itemSchema }, (c) => json(c.body, { status: 201 }));

await serveForBench(app);
