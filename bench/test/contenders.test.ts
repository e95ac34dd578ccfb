// The harness's guarantee that the comparison is fair: every contender, started the way `pnpm bench`
// starts it, gives the same answer to every scenario. One request each, no load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogPage } from '../app/catalog.js';
import { PATHS } from '../app/payloads.js';
import { benchRoutes, PARAM_ROUTE, ROUTE_COUNT } from '../app/route-table.js';
import { STATIC_FILE_BYTES, staticFileText } from '../app/static-file.js';
import { answerMismatches, fetchAnswer } from '../harness/answer-check.js';
import { CONTENDERS, type ContenderId } from '../harness/contenders.js';
import { preparedRequest } from '../harness/prepared-request.js';
import { answers, INVALID_ITEM_REQUEST, INVALID_QUERY_REQUEST, SCENARIOS } from '../harness/scenarios.js';
import { type RunningServer, startContender } from '../harness/server-process.js';
import { smallAppChecks } from './small-app-checks.js';

const servers = new Map<ContenderId, RunningServer>();
const startErrors = new Map<ContenderId, string>();

beforeAll(async () => {
  // All at once: six processes booting in parallel take a few seconds on two cores.
  await Promise.all(
    CONTENDERS.map(async (contender) => {
      try {
        servers.set(contender.id, await startContender(contender, { core: null }));
      } catch (error) {
        startErrors.set(contender.id, error instanceof Error ? error.message : String(error));
      }
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all([...servers.values()].map((server) => server.stop()));
});

function urlOf(id: ContenderId): string {
  expect(startErrors.get(id), `${id} did not start`).toBeUndefined();
  const server = servers.get(id);
  if (!server) throw new Error(`${id} is not running`);
  return server.url;
}

describe.each(SCENARIOS)('scenario $id', (scenario) => {
  const ids = CONTENDERS.map((contender) => contender.id).filter((id) => answers(id, scenario));
  it.each(ids)('%s gives the expected answer', async (id) => {
    const url = urlOf(id);
    const request = await preparedRequest(scenario, (setup) => fetchAnswer(url, setup));
    const answer = await fetchAnswer(url, request);
    expect(answerMismatches(scenario.expected, answer)).toEqual([]);
  });
});

// The session scenarios are only fair if each framework really verifies and really changes its session.
smallAppChecks('over a socket', (id) => {
  const url = urlOf(id);
  return (request) => fetchAnswer(url, request);
});

describe.each(CONTENDERS.map((contender) => contender.id))('contender %s', (id) => {
  it('rejects an invalid item with a 4xx, so it really validates', async () => {
    const answer = await fetchAnswer(urlOf(id), INVALID_ITEM_REQUEST);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });

  it('rejects an out-of-range query with a 4xx, so it really validates the query', async () => {
    const answer = await fetchAnswer(urlOf(id), INVALID_QUERY_REQUEST);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  });

  it('reads the query: another page, sorted by price, is another answer', async () => {
    const answer = await fetchAnswer(urlOf(id), {
      method: 'GET',
      path: `${PATHS.items}?limit=3&offset=2&sort=price`,
    });
    expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({
      status: 200,
      body: catalogPage({ limit: 3, offset: 2, sort: 'price' }),
    });
  });

  it('registered the whole route table (first, static-before-param and a two-param route answer)', async () => {
    const url = urlOf(id);
    const cases = [
      ['/accounts', {}],
      ['/users/new', {}],
      ['/books/9/reviews/3', { id: '9', review: '3' }],
    ] as const;
    for (const [path, params] of cases) {
      const answer = await fetchAnswer(url, { method: 'GET', path });
      expect({ path, status: answer.status, body: JSON.parse(answer.body) }).toEqual({
        path,
        status: 200,
        body: params,
      });
    }
  });
});

describe('the static file', () => {
  it('is 64 KiB of text, so every contender sends the same bytes as the expected body', () => {
    expect(Buffer.byteLength(staticFileText())).toBe(STATIC_FILE_BYTES);
    expect(STATIC_FILE_BYTES).toBe(65_536);
  });
});

describe('the route table', () => {
  it('has 200 distinct routes, static and dynamic mixed, with the param route among the last', () => {
    const routes = benchRoutes();
    const paths = routes.map((route) => route.path);
    expect(routes).toHaveLength(ROUTE_COUNT);
    expect(new Set(paths).size).toBe(ROUTE_COUNT);
    expect(routes.filter((route) => route.params.length === 0).length).toBe(60);
    expect(paths.indexOf(PARAM_ROUTE)).toBeGreaterThan(ROUTE_COUNT - 10);
  });
});
