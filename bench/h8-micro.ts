// temporary micro benchmark (not committed)
import { Flagon, html, json, text } from '@flagon/framework';
import { itemSchema, sampleItem } from './app/item.js';
import { GREETING, GREETING_JSON, PATHS } from './app/payloads.js';
import { benchRoutes, PARAM_REQUEST_PATH } from './app/route-table.js';

const app = new Flagon();
app.get(PATHS.plaintext, () => text(GREETING));
app.get(PATHS.json, () => json(GREETING_JSON));
for (const route of benchRoutes()) app.get(route.path, (c) => json(c.params));
app.post(PATHS.items, { body: itemSchema }, (c) => json(c.body, { status: 201 }));

const ctrl = new AbortController();
const itemBytes = new TextEncoder().encode(JSON.stringify(sampleItem));
function scopeFor(method: string, path: string, headers: [string, string][]) {
  return {
    type: 'http',
    gateway: { version: '1.0', specVersion: '1.0' },
    httpVersion: '1.1',
    method,
    scheme: 'http',
    path,
    rawPath: path,
    queryString: '',
    rootPath: '',
    headers,
    client: null,
    server: null,
    state: {},
    extensions: {},
    signal: ctrl.signal,
    drain: ctrl.signal,
  } as never;
}
const baseHeaders: [string, string][] = [
  ['host', 'localhost'],
  ['user-agent', 'x'],
];
const noop = () => Promise.resolve();
const cases: Record<string, () => Promise<void>> = {
  plaintext: () =>
    app(
      scopeFor('GET', '/', baseHeaders),
      () => Promise.resolve({ type: 'http.request', body: new Uint8Array(0), more: false } as never),
      noop,
    ),
  json: () =>
    app(
      scopeFor('GET', '/json', baseHeaders),
      () => Promise.resolve({ type: 'http.request', body: new Uint8Array(0), more: false } as never),
      noop,
    ),
  params: () =>
    app(
      scopeFor('GET', PARAM_REQUEST_PATH, baseHeaders),
      () => Promise.resolve({ type: 'http.request', body: new Uint8Array(0), more: false } as never),
      noop,
    ),
  notfound: () =>
    app(
      scopeFor('GET', '/nope', baseHeaders),
      () => Promise.resolve({ type: 'http.request', body: new Uint8Array(0), more: false } as never),
      noop,
    ),
  items: () =>
    app(
      scopeFor('POST', '/items', [
        ...baseHeaders,
        ['content-type', 'application/json'],
        ['content-length', '1024'],
      ]),
      () => Promise.resolve({ type: 'http.request', body: itemBytes, more: false } as never),
      noop,
    ),
};
const only = process.argv[2]?.split(',');
for (const [name, run] of Object.entries(cases)) {
  if (only && !only.includes(name)) continue;
  for (let i = 0; i < 20000; i++) await run();
  const best = [];
  for (let r = 0; r < 3; r++) {
    const n = 100000;
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await run();
    best.push(Number(process.hrtime.bigint() - t) / n / 1000);
  }
  console.log(name.padEnd(10), Math.min(...best).toFixed(3), 'µs/req');
}
