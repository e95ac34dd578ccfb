/**
 * The scenarios: one request each, and the answer every contender must give to it.
 */
import { CATALOG, CATALOG_QUERY, CATALOG_SIZE, catalogPage, INVALID_CATALOG_QUERY } from '../app/catalog.js';
import { ITEM_BODY_BYTES, invalidItem, sampleItem } from '../app/item.js';
import { CSRF_FIELD_PATTERN, expectedPage } from '../app/page-template.js';
import { CONTENT_TYPE, GREETING, GREETING_JSON, PATHS } from '../app/payloads.js';
import { ALLOWED_ORIGIN, COMPRESSED_LIST, REQUEST_ID_HEADER } from '../app/plugins.js';
import { PARAM_REQUEST_PATH, routeCount } from '../app/route-table.js';
import { counterAnswer, SESSION_COOKIE } from '../app/session.js';
import {
  STATIC_CONTENT_TYPE,
  STATIC_FILE_BYTES,
  STATIC_REQUEST_PATH,
  staticFileText,
} from '../app/static-file.js';
import { renderTable, TEMPLATE_ROWS } from '../app/table-template.js';
import type { ContenderId } from './contenders.js';

/** The scenarios' ids, in report order. */
export const SCENARIO_IDS = [
  'plaintext',
  'json',
  'params',
  'template',
  'validate',
  'not-found',
  'session',
  'page',
  'static',
  'query',
  'list',
  'plugins',
  'compressed',
] as const;
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
  /** A cookie the answer must set (a session written back). */
  readonly setsCookie?: string;
  /** Parts of the body that differ by contender by design (a CSRF token), masked on both sides. */
  readonly volatile?: RegExp;
  /** Headers the answer must carry (names in lowercase), each value matching its pattern. */
  readonly headers?: Readonly<Record<string, RegExp>>;
  /** Headers named differently by each plugin (the rate limit's): one name must match each pattern. */
  readonly headerNames?: readonly RegExp[];
}

export interface Scenario {
  readonly id: ScenarioId;
  readonly title: string;
  readonly description: string;
  readonly request: BenchRequest;
  readonly expected: ExpectedAnswer;
  /**
   * A request each contender gets once before its answer is checked; the cookies it sets go with every
   * measured request (`prepared-request.ts`). So each contender is loaded with a session of its own
   * making, in its own cookie format.
   */
  readonly setup?: BenchRequest;
  /** The contenders that answer this scenario; every one when absent. */
  readonly contenders?: readonly ContenderId[];
}

const jsonPost = (path: string, value: unknown): BenchRequest => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

// Bare node:http and the raw gateway app have no session, flash, CSRF or template layer to compare.
const FRAMEWORKS: readonly ContenderId[] = [
  'flagon',
  'fastify',
  'hono',
  'express',
  'flagon-fetch',
  'flagon-bun',
  'hono-bun',
];

// The plugin scenarios on Node only: the Bun family's servers give Hono's rate limiter no client address
// through the same helper, and their Fetch adapters leave compression to the framework alone.
const PLUGIN_CONTENDERS: readonly ContenderId[] = ['flagon', 'fastify', 'hono', 'express', 'flagon-fetch'];

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
    // Getters: `--routes N` sets the table's size after this module is loaded.
    get title() {
      return `Route params among ${routeCount().toLocaleString('en')} routes`;
    },
    get description() {
      return `\`GET ${PARAM_REQUEST_PATH}\` (route \`/users/:id/posts/:post\`, one of ${routeCount().toLocaleString('en')} routes) → \`{"id":"42","post":"7"}\``;
    },
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
  {
    id: 'session',
    title: 'Signed-cookie session',
    description: `\`GET ${PATHS.session}\` with a signed session cookie holding \`{ count: 1 }\` → \`${JSON.stringify(counterAnswer(2))}\` and the session signed again (HMAC-SHA256) in a new cookie. Frameworks only: bare node:http and the raw gateway app have no sessions`,
    contenders: FRAMEWORKS,
    setup: { method: 'GET', path: PATHS.session },
    request: { method: 'GET', path: PATHS.session },
    expected: {
      status: 200,
      contentType: CONTENT_TYPE.json,
      body: JSON.stringify(counterAnswer(2)),
      setsCookie: SESSION_COOKIE,
    },
  },
  {
    id: 'page',
    title: 'Page: layout, flash and CSRF field',
    description: `\`GET ${PATHS.page}\` with a session holding a flashed message → an eta page in a layout with the message (read and removed from the session, which is written back), a form with its CSRF field and ${TEMPLATE_ROWS} escaped rows. Frameworks only`,
    contenders: FRAMEWORKS,
    setup: { method: 'GET', path: PATHS.flash },
    request: { method: 'GET', path: PATHS.page },
    expected: {
      status: 200,
      contentType: CONTENT_TYPE.html,
      body: expectedPage(),
      setsCookie: SESSION_COOKIE,
      volatile: CSRF_FIELD_PATTERN,
    },
  },
  {
    id: 'static',
    title: 'Static file (64 KiB)',
    description: `\`GET ${STATIC_REQUEST_PATH}\` → a ${STATIC_FILE_BYTES / 1024} KiB stylesheet from a static folder, through each framework's static-files plugin`,
    request: { method: 'GET', path: STATIC_REQUEST_PATH },
    expected: { status: 200, contentType: STATIC_CONTENT_TYPE, body: staticFileText() },
  },
  {
    id: 'query',
    title: 'Validated query, list of 10',
    description: `\`GET ${PATHS.items}?${CATALOG_QUERY}\`, the query validated (zod; Fastify: JSON Schema; node:http and Express: by hand) → a JSON list of 10 products`,
    request: { method: 'GET', path: `${PATHS.items}?${CATALOG_QUERY}` },
    expected: {
      status: 200,
      contentType: CONTENT_TYPE.json,
      body: JSON.stringify(catalogPage({ limit: 10, offset: 0, sort: 'name' })),
    },
  },
  {
    id: 'list',
    title: `List of ${CATALOG_SIZE} through a response schema`,
    description: `\`GET ${PATHS.catalog}\` → a JSON list of ${CATALOG_SIZE} products, written through a response schema (Flagon: zod; Fastify: fast-json-stringify; the others: \`JSON.stringify\`)`,
    request: { method: 'GET', path: PATHS.catalog },
    expected: { status: 200, contentType: CONTENT_TYPE.json, body: JSON.stringify(CATALOG) },
  },
  {
    id: 'plugins',
    title: 'JSON behind CORS, security headers, request id and rate limit',
    description: `\`GET ${PATHS.plugins}\` from origin ${ALLOWED_ORIGIN} → \`${JSON.stringify(GREETING_JSON)}\` through each framework's usual plugins: CORS for that origin, helmet's security headers, a request id and a rate limit in memory too high to reach (Fastify: @fastify/cors, @fastify/helmet, genReqId, @fastify/rate-limit; Hono: cors, secureHeaders, requestId, hono-rate-limiter; Express: cors, helmet, a request-id middleware, express-rate-limit). Node contenders only`,
    contenders: PLUGIN_CONTENDERS,
    request: { method: 'GET', path: PATHS.plugins, headers: { origin: ALLOWED_ORIGIN } },
    expected: {
      status: 200,
      contentType: CONTENT_TYPE.json,
      body: JSON.stringify(GREETING_JSON),
      headers: {
        'access-control-allow-origin': new RegExp(`^${ALLOWED_ORIGIN.replaceAll('.', '\\.')}$`),
        [REQUEST_ID_HEADER]: /^\S{8,}$/,
        'x-content-type-options': /^nosniff$/,
        'x-frame-options': /^SAMEORIGIN$/i,
      },
      headerNames: [/^(x-)?ratelimit(-limit)?$/],
    },
  },
  {
    id: 'compressed',
    title: 'Gzipped JSON (16 KiB)',
    description: `\`GET ${PATHS.compressed}\` with \`Accept-Encoding: gzip\` → a ${Math.round(JSON.stringify(COMPRESSED_LIST).length / 1024)} KiB JSON list gzipped at level 6 by each framework's compression plugin (@fastify/compress, hono/compress, compression). Node contenders only`,
    contenders: PLUGIN_CONTENDERS,
    request: { method: 'GET', path: PATHS.compressed, headers: { 'accept-encoding': 'gzip' } },
    expected: {
      status: 200,
      contentType: CONTENT_TYPE.json,
      body: JSON.stringify(COMPRESSED_LIST),
      headers: { 'content-encoding': /^gzip$/, vary: /accept-encoding/i },
    },
  },
];

/**
 * True when `contender` answers `scenario` (the raw contenders sit out the sessions and the page).
 *
 * @example
 * ```ts
 * answers('node-http', scenarioById('session')); // false
 * ```
 */
export function answers(contender: ContenderId, scenario: Pick<Scenario, 'contenders'>): boolean {
  return scenario.contenders === undefined || scenario.contenders.includes(contender);
}

/**
 * How many contender-and-scenario cells a round of `scenarios` × `contenders` has.
 *
 * @example
 * ```ts
 * cellCount(SCENARIOS, CONTENDERS); // 62: nine scenarios × 6 contenders, two × 4
 * ```
 */
export function cellCount(
  scenarios: readonly Pick<Scenario, 'contenders'>[],
  contenders: readonly { readonly id: ContenderId }[],
): number {
  return scenarios.reduce(
    (cells, scenario) => cells + contenders.filter((contender) => answers(contender.id, scenario)).length,
    0,
  );
}

/** A query every contender must reject with a 4xx: proof that each one really validates the query. */
export const INVALID_QUERY_REQUEST: BenchRequest = {
  method: 'GET',
  path: `${PATHS.items}?${INVALID_CATALOG_QUERY}`,
};

/** A request every contender must reject with a 4xx: proof that each one really validates the item. */
export const INVALID_ITEM_REQUEST: BenchRequest = jsonPost(PATHS.items, invalidItem);
