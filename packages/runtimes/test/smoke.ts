// A smoke set of the examples' routes, played over HTTP against any running server: each step is a
// request and what a user would see of its answer (status, content type, a header, the body).
import { expect } from 'vitest';

/** One request of a smoke set, with what its answer must show. */
export interface SmokeStep {
  readonly method: string;
  readonly path: string;
  readonly json?: unknown;
  readonly rawBody?: string;
  /** What the answer shows: compared whole, so a wrong status, type, header or body all fail. */
  readonly expect: SmokeSeen;
}

/** What the smoke set looks at in an answer. */
export interface SmokeSeen {
  readonly status: number;
  readonly type: string | null;
  readonly location?: string | null;
  readonly body: unknown;
}

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json';

/** examples/hello (and its JavaScript twin in fixtures/hello.js): stateless, so any worker may answer. */
export const HELLO_SMOKE: readonly SmokeStep[] = [
  { method: 'GET', path: '/', expect: { status: 200, type: TEXT, body: 'Hello, World!' } },
  { method: 'GET', path: '/health', expect: { status: 200, type: JSON_TYPE, body: { status: 'ok' } } },
  { method: 'GET', path: '/hello/Ada%20L', expect: { status: 200, type: TEXT, body: 'Hello, Ada L!' } },
  { method: 'HEAD', path: '/', expect: { status: 200, type: TEXT, body: '' } },
  { method: 'GET', path: '/nope', expect: { status: 404, type: JSON_TYPE, body: { error: 'Not Found' } } },
];

/** examples/json-api served from createApp(): one process with its own store, steps in order. */
export const ITEMS_SMOKE: readonly SmokeStep[] = [
  { method: 'GET', path: '/items', expect: { status: 200, type: JSON_TYPE, body: [] } },
  {
    method: 'POST',
    path: '/items',
    json: { name: 'cup', price: 3.5 },
    expect: {
      status: 201,
      type: JSON_TYPE,
      location: '/items/1',
      body: { id: '1', name: 'cup', price: 3.5 },
    },
  },
  {
    method: 'PUT',
    path: '/items/1',
    json: { name: 'mug', price: 4 },
    expect: { status: 200, type: JSON_TYPE, body: { id: '1', name: 'mug', price: 4 } },
  },
  {
    method: 'GET',
    path: '/items?limit=5',
    expect: { status: 200, type: JSON_TYPE, body: [{ id: '1', name: 'mug', price: 4 }] },
  },
  {
    method: 'POST',
    path: '/items',
    rawBody: '{"name": "cup", ',
    // The parser's own words follow (V8's and JavaScriptCore's differ): the prefix is the framework's.
    expect: {
      status: 400,
      type: JSON_TYPE,
      body: { error: expect.stringMatching(/^Malformed JSON body: /) },
    },
  },
  { method: 'DELETE', path: '/items/1', expect: { status: 204, type: null, body: '' } },
  {
    method: 'GET',
    path: '/items/1',
    expect: { status: 404, type: JSON_TYPE, body: { error: 'Item 1 not found' } },
  },
];

/**
 * Plays `steps` in order against the server at `url` and returns what each answer showed, shaped like
 * the steps' `expect`, so a test compares the two lists whole.
 *
 * @example
 * ```ts
 * expect(await playSmoke(url, HELLO_SMOKE)).toEqual(HELLO_SMOKE.map((step) => step.expect));
 * ```
 */
export async function playSmoke(url: string, steps: readonly SmokeStep[]): Promise<SmokeSeen[]> {
  const seen: SmokeSeen[] = [];
  for (const step of steps) {
    const body = step.json !== undefined ? JSON.stringify(step.json) : step.rawBody;
    const res = await fetch(`${url}${step.path}`, {
      method: step.method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    const type = res.headers.get('content-type');
    const isJson = type?.startsWith(JSON_TYPE) ?? false;
    seen.push({
      status: res.status,
      type: isJson ? JSON_TYPE : type,
      ...('location' in step.expect ? { location: res.headers.get('location') } : {}),
      body: isJson && text !== '' ? JSON.parse(text) : text,
    });
  }
  return seen;
}
