/**
 * Contender: the Flagon framework on Flagon's reference server, written the way the docs show: typed
 * params, the item validated by the route's body schema, and the small JSON answers written through
 * response schemas (as Fastify's contender gets fast-json-stringify from its response schemas).
 */
import { Flagon, html, text } from '@flagon/framework';
import { z } from 'zod';
import { itemSchema } from '../app/item.js';
import { GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes } from '../app/route-table.js';
import { renderTable } from '../app/table-template.js';
import { runsAsServer } from './listening.js';
import { gatewayListener, serveForBench } from './reference-server.js';

const app = new Flagon();

app.get(PATHS.plaintext, () => text(GREETING));
/** An object of string fields, as the JSON and param answers are. */
function stringsSchema(names: readonly string[]) {
  return z.object(Object.fromEntries(names.map((name) => [name, z.string()])));
}

app.get(PATHS.json, { response: stringsSchema(['message']) }, () => GREETING_JSON);

for (const route of benchRoutes()) {
  // The paths are strings built at run time, so their params are typed loosely: every one is matched.
  app.get(route.path, { response: stringsSchema(route.params) }, (c) => c.params as Record<string, string>);
}

app.get(PATHS.template, () => html(renderTable()));
// The body schema already shaped the item: a response schema would only write it again, and for a
// 1 KiB item with a long string JSON.stringify is the faster writer (2.3 against 2.6 us, measured).
app.post(PATHS.items, { body: itemSchema, status: 201 }, (c) => c.body);

export const createListener = () => gatewayListener(app);

if (runsAsServer(import.meta.url)) await serveForBench(app);
