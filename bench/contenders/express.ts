/**
 * Contender: Express 5, parsing the item with `express.json()` and validating it with the shared zod
 * schema. `NODE_ENV=production` (set by the harness for every contender) is how Express is deployed.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { CATALOG, catalogPage, parseCatalogQuery } from '../app/catalog.js';
import { itemSchema } from '../app/item.js';
import { GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { benchRoutes, wildcardPath } from '../app/route-table.js';
import { renderTable } from '../app/table-template.js';
import { registerPluginRoutes } from './express-plugin-apps.js';
import { registerSmallApp } from './express-small-app.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

const app = express();
// Identical answers: no `x-powered-by`, no ETag (the others compute neither).
app.disable('x-powered-by');
app.disable('etag');

app.get(PATHS.plaintext, (_req, res) => {
  res.type('text/plain').send(GREETING);
});
app.get(PATHS.json, (_req, res) => {
  res.json(GREETING_JSON);
});

for (const route of benchRoutes()) {
  app.get(wildcardPath(route.path, 'named'), (req, res) => {
    res.json(req.params);
  });
}

app.get(PATHS.template, (_req, res) => {
  res.send(renderTable());
});

app.post(PATHS.items, express.json({ limit: '16kb' }), (req, res) => {
  const parsed = itemSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(400).json({ error: parsed.error.issues });
    return;
  }
  res.status(201).json(parsed.data);
});

app.get(PATHS.items, (req, res) => {
  // Express 5's default query parser gives strings (or arrays of them, which the check refuses).
  const query = parseCatalogQuery((name) => {
    const value = req.query[name];
    return typeof value === 'string' ? value : value === undefined ? undefined : '';
  });
  if (query === null) {
    res.status(400).json({ error: 'invalid query' });
    return;
  }
  res.json(catalogPage(query));
});
app.get(PATHS.catalog, (_req, res) => {
  res.json(CATALOG);
});

registerSmallApp(app);
registerPluginRoutes(app);

/** An Express app is itself a request listener. */
export const createListener = (): RequestListener => app;

if (runsAsServer(import.meta.url)) {
  const server = app.listen(benchPort(), BENCH_HOST, () =>
    announceListening((server.address() as AddressInfo).port),
  );
}
