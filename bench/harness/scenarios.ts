/**
 * The scenarios: one request each, and the answer every contender must give to it.
 */
import { ITEM_BODY_BYTES, invalidItem, sampleItem } from '../app/item.js';
import { CONTENT_TYPE, GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { PARAM_REQUEST_PATH, ROUTE_COUNT } from '../app/route-table.js';
import { renderTable, TEMPLATE_ROWS } from '../app/table-template.js';

/** The scenarios' ids, in report order. */
export const SCENARIO_IDS = ['plaintext', 'json', 'params', 'template', 'validate', 'not-found'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** One HTTP request, as the load generator and the answer check send it. */
export interface BenchRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * The answer a scenario expects. `contentType` and `body` are left out where each framework answers in
 * its own way by design (its default not-found page); the status is always compared.
 */
export interface ExpectedAnswer {
  readonly status: number;
  readonly contentType?: string;
  readonly body?: string;
}

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly description: string;
  readonly request: BenchRequest;
  readonly expected: ExpectedAnswer;
}

const jsonPost = (path: string, value: unknown): BenchRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** Every scenario, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'plaintext',
    title: 'Plaintext',
    description: `\`GET ${PATHS.plaintext}\` → \`${GREETING}\` as text/plain`,
    request: { method: 'GET', path: PATHS.plaintext },
    expected: { status: 200, contentType: CONTENT_TYPE.text, body: GREETING },
  },
  {
    id: 'json',
    title: 'JSON',
    description: `\`GET ${PATHS.json}\` → \`${JSON.stringify(GREETING_JSON)}\``,
    request: { method: 'GET', path: PATHS.json },
    expected: { status: 200, contentType: CONTENT_TYPE.json, body: JSON.stringify(GREETING_JSON) },
  },
  {
    id: 'params',
    title: 'Route params among 200 routes',
    description: `\`GET ${PARAM_REQUEST_PATH}\` (route \`/users/:id/posts/:post\`, one of ${ROUTE_COUNT} routes) → \`{"id":"42","post":"7"}\``,
    request: { method: 'GET', path: PARAM_REQUEST_PATH },
    expected: { status: 200, contentType: CONTENT_TYPE.json, body: JSON.stringify({ id: '42', post: '7' }) },
  },
  {
    id: 'template',
    title: 'Eta template',
    description: `\`GET ${PATHS.template}\` → a ${TEMPLATE_ROWS}-row HTML table with escaped values, from an eta template compiled at startup`,
    request: { method: 'GET', path: PATHS.template },
    expected: { status: 200, contentType: CONTENT_TYPE.html, body: renderTable() },
  },
  {
    id: 'validate',
    title: 'Validated JSON body',
    description: `\`POST ${PATHS.items}\` with a ${ITEM_BODY_BYTES}-byte JSON item, validated (zod; Fastify: JSON Schema) → 201 with the parsed item`,
    request: jsonPost(PATHS.items, sampleItem),
    expected: { status: 201, contentType: CONTENT_TYPE.json, body: JSON.stringify(sampleItem) },
  },
  {
    id: 'not-found',
    title: 'Not found',
    description: `\`GET ${PATHS.missing}\` → 404, each framework's default not-found answer`,
    request: { method: 'GET', path: PATHS.missing },
    expected: { status: 404 },
  },
];

/** A request every contender must reject with a 4xx: proof that each one really validates the item. */
export const INVALID_ITEM_REQUEST: BenchRequest = jsonPost(PATHS.items, invalidItem);
