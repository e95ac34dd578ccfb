// The rows of the runtime matrix: which runtime runs what, the app it serves with its smoke set, and
// every conformance outcome other than "passed" that the row is known to have, with why.
import type { HostName } from './hosts/index.js';
import type { RuntimeName } from './runtimes.js';
import { HELLO_SMOKE, ITEMS_SMOKE, type SmokeStep } from './smoke.js';

/** One row: a host started by host-runner.ts, or the reference CLI itself. */
export interface MatrixRow {
  readonly name: string;
  readonly runtime: RuntimeName;
  /** A host of hosts/ (then the conformance kit runs too), or the reference CLI with these arguments. */
  readonly serve: { readonly host: HostName } | { readonly cli: readonly string[] };
  /** The app the smoke set runs against, as the CLI takes it. */
  readonly app: string;
  readonly smoke: readonly SmokeStep[];
  /** `"<status> <check id>"` for every check that does not pass on this row (hosts only). */
  readonly notPassed?: readonly string[];
  /** Run only in the full mode (`FLAGON_RUNTIMES_FULL=1`), to keep the default suite quick. */
  readonly full?: true;
}

const ITEMS_APP = 'examples/json-api/app.ts:createApp()';
const HELLO_APP = 'examples/hello/app.ts';
const HELLO_JS_APP = 'packages/runtimes/test/fixtures/hello.js';

const NO_LIFESPAN_NO_DRAIN = [
  'skipped drain-notice',
  'skipped drain-tasks',
  'skipped lifespan-startup-first',
  'skipped lifespan-startup-failed',
  'skipped lifespan-shutdown',
];
// What every Fetch host shares: no drain() in the hosts' APIs the kit could call, no trailers or early
// hints in a Response, repeated headers joined by Headers, and 100 Continue sent (or not) by the host.
const FETCH_HOST = [
  'skipped drain-notice',
  'skipped drain-tasks',
  'skipped extension-trailers',
  'skipped extension-early-hints',
  'limited scope-headers',
  'limited expect-continue',
];
// Bun and Deno do not tell the HTTP version; Node hosts hand over the IncomingMessage that does.
const NO_HTTP_VERSION = ['limited scope-http-version'];

export const MATRIX: readonly MatrixRow[] = [
  {
    name: 'reference server, 1 worker (CLI, Node 20)',
    runtime: 'node20',
    serve: { cli: ['--workers', '1'] },
    app: HELLO_APP,
    smoke: HELLO_SMOKE,
  },
  {
    name: 'reference server, 2 workers (CLI, Node 20)',
    runtime: 'node20',
    serve: { cli: ['--workers', '2'] },
    app: HELLO_APP,
    smoke: HELLO_SMOKE,
  },
  {
    name: 'reference server in process, Node 24',
    runtime: 'node24',
    serve: { host: 'reference-server' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: [],
  },
  {
    name: 'http.createServer(toNodeHandler(app)), Node 20',
    runtime: 'node20',
    serve: { host: 'node-http' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: NO_LIFESPAN_NO_DRAIN,
  },
  {
    name: 'http.createServer(toNodeHandler(app)), Node 24',
    runtime: 'node24',
    serve: { host: 'node-http' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: NO_LIFESPAN_NO_DRAIN,
  },
  {
    name: 'Bun.serve(toFetchHandler(app))',
    runtime: 'bun',
    serve: { host: 'bun-serve' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: [...FETCH_HOST, ...NO_HTTP_VERSION],
  },
  {
    name: 'Deno.serve(toFetchHandler(app))',
    runtime: 'deno',
    serve: { host: 'deno-serve' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    // Deno keeps a connection open after a body stream that failed once its declared length went out.
    notPassed: [...FETCH_HOST, ...NO_HTTP_VERSION, 'limited response-content-length-match'],
  },
  {
    name: 'reference CLI under Bun, .ts app',
    runtime: 'bun',
    serve: { cli: [] },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
  },
  {
    name: 'reference CLI under Bun, .js app',
    runtime: 'bun',
    serve: { cli: [] },
    app: HELLO_JS_APP,
    smoke: HELLO_SMOKE,
  },
  {
    name: 'reference CLI under Deno, .ts app',
    runtime: 'deno',
    serve: { cli: [] },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
  },
  {
    name: 'reference CLI under Deno, .js app',
    runtime: 'deno',
    serve: { cli: [] },
    app: HELLO_JS_APP,
    smoke: HELLO_SMOKE,
  },
  {
    name: '@hono/node-server serve({ fetch: toFetchHandler(app) }), Node 20',
    runtime: 'node20',
    serve: { host: 'hono-node-server' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: FETCH_HOST,
  },
  {
    name: 'reference server in process, on Bun (its node:http)',
    runtime: 'bun',
    serve: { host: 'reference-server' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: [],
    full: true,
  },
  {
    name: 'reference server in process, on Deno (its node:http)',
    runtime: 'deno',
    serve: { host: 'reference-server' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: [],
    full: true,
  },
  {
    // On Node 20, srvx's request bodies (Readable.toWeb) can throw an uncaught "Controller is already
    // closed" when an unread body is cancelled (nodejs/node#64529): the row runs on Node 24.
    name: 'srvx serve({ fetch: toFetchHandler(app) }), Node 24',
    runtime: 'node24',
    serve: { host: 'srvx' },
    app: ITEMS_APP,
    smoke: ITEMS_SMOKE,
    notPassed: FETCH_HOST,
  },
];
