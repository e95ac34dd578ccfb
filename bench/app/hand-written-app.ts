/**
 * The app of the two contenders without a framework (bare `node:http` and Flagon's raw gateway app):
 * hand-written routing and answers, the least work a server can do for each scenario. Both transports
 * call the same function, so the gap between them is the cost of the gateway interface alone.
 */

import { CATALOG, catalogPage, parseCatalogQuery } from './catalog.js';
import { itemSchema } from './item.js';
import { CONTENT_TYPE, GREETING, GREETING_JSON, PATHS } from './payloads.js';
import { type BenchRoute, benchRoutes, routeAnswer } from './route-table.js';
import { renderTable } from './table-template.js';

/**
 * What to send back: the status, the content type, the body and its length in UTF-8 bytes. The body
 * stays a string, as the frameworks send theirs: Node writes a string body together with the head in
 * one chunk, where a Buffer goes out as a second one. With Buffers, bare node:http ran at 0.87 of
 * Fastify on plaintext and 0.81 on JSON; with strings, at 0.94 and 0.98 (two runs, slice-paired ratios).
 */
export interface HandAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly length: number;
}

const answer = (status: number, contentType: string, body: string): HandAnswer => ({
  status,
  contentType,
  body,
  length: Buffer.byteLength(body),
});

interface CompiledRoute {
  readonly segments: readonly string[];
  /** The param name at each segment, or `null` where the segment must match literally. */
  readonly paramAt: readonly (string | null)[];
}

const PLAINTEXT = answer(200, CONTENT_TYPE.text, GREETING);
const NOT_FOUND = answer(404, CONTENT_TYPE.text, 'Not Found');
const BAD_REQUEST = answer(400, CONTENT_TYPE.text, 'Bad Request');

const jsonAnswer = (status: number, json: string): HandAnswer => answer(status, CONTENT_TYPE.json, json);

// Static paths by table; dynamic ones bucketed by segment count and first segment, so a lookup
// compares a handful of candidates instead of all 200 routes.
const staticPaths = new Set<string>();
const dynamicBuckets = new Map<string, CompiledRoute[]>();

function bucketKey(segmentCount: number, first: string | undefined): string {
  return `${segmentCount} ${first ?? ''}`;
}

// Wildcard routes (`/files-01/files/*`) by their prefix: anything below it matches.
const wildcardPrefixes: string[] = [];

function register(route: BenchRoute): void {
  if (route.path.endsWith('/*')) {
    wildcardPrefixes.push(route.path.slice(0, -1));
    return;
  }
  if (route.params.length === 0) {
    staticPaths.add(route.path);
    return;
  }
  const segments = route.path.split('/');
  const paramAt = segments.map((segment) => (segment.startsWith(':') ? segment.slice(1) : null));
  const key = bucketKey(segments.length, segments[1]);
  const bucket = dynamicBuckets.get(key) ?? [];
  bucket.push({ segments, paramAt });
  dynamicBuckets.set(key, bucket);
}

for (const route of benchRoutes()) register(route);

function matchParams(path: string): Record<string, string> | undefined {
  if (staticPaths.has(path)) return {};
  const segments = path.split('/');
  for (const route of dynamicBuckets.get(bucketKey(segments.length, segments[1])) ?? []) {
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 1; i < segments.length && matched; i++) {
      const name = route.paramAt[i];
      const segment = segments[i] ?? '';
      if (name) params[name] = segment;
      else matched = segment === route.segments[i];
    }
    if (matched) return params;
  }
  return wildcardPrefixes.some((prefix) => path.startsWith(prefix)) ? {} : undefined;
}

function createItem(body: string): HandAnswer {
  let input: unknown;
  try {
    input = JSON.parse(body);
  } catch {
    return BAD_REQUEST;
  }
  const parsed = itemSchema.safeParse(input);
  return parsed.success ? jsonAnswer(201, JSON.stringify(parsed.data)) : BAD_REQUEST;
}

function catalogAnswer(queryString: string): HandAnswer {
  const params = new URLSearchParams(queryString);
  const query = parseCatalogQuery((name) => params.get(name));
  return query === null ? BAD_REQUEST : jsonAnswer(200, JSON.stringify(catalogPage(query)));
}

/**
 * True when the answer depends on the request body, so the transport must read it first.
 *
 * @example
 * ```ts
 * if (readsBody(req.method)) body = await collect(req);
 * ```
 */
export function readsBody(method: string): boolean {
  return method === 'POST';
}

/**
 * The answer to one request of any scenario; `body` is the request body (empty unless {@link readsBody}),
 * `queryString` the part of the target after `?`.
 *
 * @example
 * ```ts
 * handWrittenAnswer('GET', '/users/42/posts/7', ''); // 200, application/json, {"id":"42","post":"7"}
 * ```
 */
export function handWrittenAnswer(method: string, path: string, body: string, queryString = ''): HandAnswer {
  if (method === 'POST') return path === PATHS.items ? createItem(body) : NOT_FOUND;
  if (method !== 'GET') return NOT_FOUND;
  if (path === PATHS.plaintext) return PLAINTEXT;
  if (path === PATHS.json) return jsonAnswer(200, JSON.stringify(GREETING_JSON));
  if (path === PATHS.template) return answer(200, CONTENT_TYPE.html, renderTable());
  if (path === PATHS.items) return catalogAnswer(queryString);
  if (path === PATHS.catalog) return jsonAnswer(200, JSON.stringify(CATALOG));
  const params = matchParams(path);
  return params ? jsonAnswer(200, routeAnswer(params)) : NOT_FOUND;
}
