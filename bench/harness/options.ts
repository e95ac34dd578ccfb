/**
 * The command line of `pnpm bench`: which mode, which scenarios and contenders, how long and how often.
 */
import { parseArgs } from 'node:util';
import { ROUTE_COUNT, ROUTE_COUNTS, type RouteCount, routeCount } from '../app/route-table.js';
import { ALL_CONTENDERS, CONTENDER_IDS, type ContenderId, IN_PROCESS_CONTENDERS } from './contenders.js';
import { sliceCount } from './measurement.js';
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from './scenarios.js';
import { measuredScenarios, measures, ROUTER_SCALE_SCENARIO } from './variants.js';
import { WORKER_TABLE_CONTENDERS, WORKER_TABLE_SCENARIOS } from './workers-table.js';

export type BenchMode = 'full' | 'quick' | 'soak' | 'in-process' | 'workers';

/** The load generators: autocannon makes the results of record; wrk is a cross-check (see `wrk-load.ts`). */
export const LOAD_GENERATORS = ['autocannon', 'wrk'] as const;
export type LoadGenerator = (typeof LOAD_GENERATORS)[number];

export interface BenchOptions {
  readonly mode: BenchMode;
  readonly scenarios: readonly ScenarioId[];
  readonly contenders: readonly ContenderId[];
  readonly rounds: number;
  readonly warmupSeconds: number;
  /** Measured seconds per contender, scenario and round, taken in slices of `sliceSeconds`. */
  readonly durationSeconds: number;
  readonly sliceSeconds: number;
  readonly connections: number;
  /**
   * Requests in flight per connection. One autocannon process on one core cannot saturate a fast Node
   * server without pipelining (bare node:http idled at ~40 % CPU), which would squeeze every ratio to ~1.
   */
  readonly pipelining: number;
  /** `--routers`: only time the routers' lookups in-process at 10, 200 and 2,000 routes. */
  readonly routers: boolean;
  /** How many routes every contender registers (`--routes N`, default 200): the router-scale runs. */
  readonly routes: RouteCount;
  /**
   * `--routes 10,200,2000`: the param scenario measured at each of these sizes in one run (the sizes
   * besides 200 as variants, `variants.ts`), every other scenario at 200. `[routes]` for one size.
   */
  readonly routeCounts: readonly RouteCount[];
  /** `--unpipelined ID[,ID]`: scenarios also measured with pipelining 1, in the same run. */
  readonly unpipelined: readonly ScenarioId[];
  /** What sends the load; a wrk run is a cross-check and writes `partial.json` only. */
  readonly load: LoadGenerator;
  /** Soak mode: how many requests to send after the warm-up. */
  readonly soakRequests: number;
  /** Only rewrite the docs' generated section from `bench/results/latest.json`, measuring nothing. */
  readonly render: boolean;
  /** Fold this run's scenarios into `bench/results/latest.json` and the docs (a full run of some scenarios). */
  readonly merge: boolean;
  readonly help: boolean;
}

/**
 * Defaults per mode. A full run (5 rounds × 13 scenarios × up to 9 contenders, each 2 s of warm-up and
 * three 1-s slices, query and list also unpipelined) takes about 83 minutes on 2 cores, a quick one (1 s
 * of warm-up, one 1-s slice) about 9.
 */
export const MODE_DEFAULTS: Readonly<
  Record<
    BenchMode,
    Pick<
      BenchOptions,
      'rounds' | 'warmupSeconds' | 'durationSeconds' | 'sliceSeconds' | 'connections' | 'pipelining'
    >
  >
> = {
  full: {
    rounds: 5,
    warmupSeconds: 2,
    durationSeconds: 3,
    sliceSeconds: 1,
    connections: 100,
    pipelining: 10,
  },
  quick: {
    rounds: 1,
    warmupSeconds: 1,
    durationSeconds: 1,
    sliceSeconds: 1,
    connections: 100,
    pipelining: 10,
  },
  // In-process: a process per cell; the JIT needs about a second to settle, then 7 batches of 150 ms.
  // Seven rounds, because processes of the same contender settle at different speeds: in 3-round runs one
  // round in three or four ran a contender up to 2x slower than its others, whichever contender it was.
  'in-process': {
    rounds: 7,
    warmupSeconds: 1.5,
    durationSeconds: 1.05,
    sliceSeconds: 0.15,
    connections: 1,
    pipelining: 1,
  },
  // The worker table: 3 scenarios × 5 contenders, about 6 minutes.
  workers: {
    rounds: 3,
    warmupSeconds: 2,
    durationSeconds: 3,
    sliceSeconds: 1,
    connections: 100,
    pipelining: 10,
  },
  // Soak: the warm-up is per scenario, long enough for V8's heap to reach its working size.
  soak: {
    rounds: 1,
    warmupSeconds: 5,
    durationSeconds: 4,
    sliceSeconds: 1,
    connections: 100,
    pipelining: 10,
  },
};

export const DEFAULT_SOAK_REQUESTS = 1_000_000;

/** Measured without pipelining too by default (issue 27: most browsers and many clients do not pipeline). */
export const DEFAULT_UNPIPELINED: readonly ScenarioId[] = ['query', 'list'];

/** What starting a contender costs (process, tsx, answer check), measured on the 2-core machine. */
export const START_SECONDS = 1.5;
/** What each autocannon run costs besides its load: process start, connections, report. */
export const LOAD_OVERHEAD_SECONDS = 0.4;

/**
 * How long a benchmark run with these options should take, in minutes.
 *
 * @example
 * ```ts
 * estimatedMinutes(parseBenchOptions([])); // 64
 * ```
 */
export function estimatedMinutes(options: BenchOptions): number {
  const scenarios = SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.id));
  // The in-process run leaves out the Bun contenders: Node's HTTP objects need a Node process.
  const measurable =
    options.mode === 'in-process'
      ? options.contenders.filter((id) => IN_PROCESS_CONTENDERS.some((contender) => contender.id === id))
      : options.contenders;
  const contenders = ALL_CONTENDERS.filter((contender) => measurable.includes(contender.id));
  const schedule =
    options.mode === 'in-process'
      ? scenarios.map((scenario) => ({ scenario }))
      : measuredScenarios(scenarios, { unpipelined: options.unpipelined, routes: options.routeCounts });
  const cells =
    options.rounds *
    schedule.reduce(
      (total, measured) => total + contenders.filter((contender) => measures(contender, measured)).length,
      0,
    );
  if (options.mode === 'in-process') {
    // The batches plus one settling turn, which is not kept.
    const batches = options.durationSeconds + options.sliceSeconds;
    return (cells * (START_SECONDS + options.warmupSeconds + batches)) / 60;
  }
  const slices = sliceCount(options);
  const perCell =
    START_SECONDS +
    options.warmupSeconds +
    LOAD_OVERHEAD_SECONDS +
    slices * (options.sliceSeconds + LOAD_OVERHEAD_SECONDS);
  return (cells * perCell) / 60;
}

export const USAGE = `Usage: pnpm bench [options]

Runs every scenario against every contender (server on core 0, autocannon on core 1), writes
bench/results/latest.json and the generated section of docs/benchmarks.md.

  --quick               a ~9-minute smoke run (1 round, 1 s warm-up, 1 s measured)
  --in-process          time each contender's own work per request without sockets: its JavaScript and
                        Node's HTTP objects, one process per cell (~40 min); writes bench/results/in-process.json
                        and its section of docs/benchmarks.md (--warmup, --duration, --slice: batches)
  --workers             the worker table (~6 min): Flagon through flagon-gateway --workers 1 and 2, in one
                        process, node:cluster with 2 workers and bare node:http, on ${WORKER_TABLE_SCENARIOS.join(', ')};
                        writes bench/results/workers.json and its section of docs/benchmarks.md
  --soak                send --requests requests to the Flagon framework and check its RSS stays within 10 %
  --scenario ID[,ID]    only these scenarios: ${SCENARIO_IDS.join(', ')}
  --contender ID[,ID]   only these contenders: ${CONTENDER_IDS.join(', ')}
  --rounds N            rounds, each running every scenario on every contender (default ${MODE_DEFAULTS.full.rounds})
  --duration S          measured seconds per contender, scenario and round (default ${MODE_DEFAULTS.full.durationSeconds})
  --slice S             ...taken in slices of S seconds, the contenders taking turns (default ${MODE_DEFAULTS.full.sliceSeconds})
  --warmup S            warm-up seconds before the slices (default ${MODE_DEFAULTS.full.warmupSeconds};
                        soak: per scenario, default ${MODE_DEFAULTS.soak.warmupSeconds})
  --connections N       concurrent connections (default ${MODE_DEFAULTS.full.connections})
  --pipelining N        requests in flight per connection (default ${MODE_DEFAULTS.full.pipelining})
  --routers             only the routers' lookups in one process (Flagon, find-my-way, Hono) at ${ROUTE_COUNTS.join(', ')} routes
  --routes N            routes every contender registers: ${ROUTE_COUNTS.join(', ')} (default ${ROUTE_COUNT}); not 200 means partial
  --routes N,N[,N]      the param scenario at each size in the same run (with ${ROUTE_COUNT}; Node contenders), the rest
                        at ${ROUTE_COUNT}: the report's router-scale table, e.g. --routes ${ROUTE_COUNTS.join(',')}
  --unpipelined ID[,ID] also measure these scenarios with pipelining 1, in the same run (default in a full or
                        quick run: ${DEFAULT_UNPIPELINED.join(',')}; "none" for none)
  --requests N          soak: requests to send after the warm-up (default ${DEFAULT_SOAK_REQUESTS.toLocaleString('en')})
  --load wrk            send the load with wrk (apt-get install wrk) instead of autocannon: a cross-check
                        of the ratios with a client far cheaper per request; writes partial.json only
  --render              only rewrite docs/benchmarks.md from bench/results/latest.json (no measuring)
  --merge               with --scenario: fold this run's scenarios into bench/results/latest.json and
                        docs/benchmarks.md, the other scenarios kept as published (a full run, every contender)
  --help                this text

A run limited by --scenario or --contender, or run with --load wrk, writes bench/results/partial.json instead.`;

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value.replaceAll('_', ''));
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`--${name} needs a positive number, got ${value}`);
  return number;
}

function ids<T extends string>(name: string, values: string[] | undefined, known: readonly T[]): T[] {
  if (values === undefined) return [...known];
  const wanted = values.flatMap((value) => value.split(',')).map((value) => value.trim());
  const unknown = wanted.filter((value) => !(known as readonly string[]).includes(value));
  if (unknown.length > 0)
    throw new Error(`unknown --${name} ${unknown.join(', ')} (known: ${known.join(', ')})`);
  // Keep the report order whatever the order on the command line.
  return known.filter((id) => wanted.includes(id));
}

/**
 * Parses `pnpm bench` arguments; throws an `Error` with a readable message for a bad one.
 *
 * @example
 * ```ts
 * parseBenchOptions(['--quick', '--scenario', 'json,params']).scenarios; // ["json", "params"]
 * ```
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      soak: { type: 'boolean' },
      'in-process': { type: 'boolean' },
      workers: { type: 'boolean' },
      scenario: { type: 'string', multiple: true },
      contender: { type: 'string', multiple: true },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      slice: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      pipelining: { type: 'string' },
      routes: { type: 'string' },
      unpipelined: { type: 'string', multiple: true },
      requests: { type: 'string' },
      load: { type: 'string' },
      render: { type: 'boolean' },
      routers: { type: 'boolean' },
      merge: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const modes = [
    values.quick && '--quick',
    values.soak && '--soak',
    values['in-process'] && '--in-process',
    values.workers && '--workers',
  ];
  const chosen = modes.filter((mode) => typeof mode === 'string');
  if (chosen.length > 1) throw new Error(`${chosen.join(' and ')} do not go together`);
  const load = values.load ?? 'autocannon';
  if (!(LOAD_GENERATORS as readonly string[]).includes(load)) {
    throw new Error(`unknown --load ${load} (known: ${LOAD_GENERATORS.join(', ')})`);
  }
  if (values.soak && load !== 'autocannon')
    throw new Error('--soak counts requests, which only autocannon does');
  if (values['in-process'] && values.load !== undefined) throw new Error('--in-process sends no load');
  if (values.merge && (chosen.length > 0 || load !== 'autocannon' || values.contender !== undefined)) {
    throw new Error('--merge folds a full autocannon run of every contender into the published results');
  }
  if (values.workers && (values.merge || load !== 'autocannon')) {
    throw new Error('--workers measures with autocannon and writes its own table: no --merge or --load');
  }
  const mode: BenchMode = values.soak
    ? 'soak'
    : values.quick
      ? 'quick'
      : values['in-process']
        ? 'in-process'
        : values.workers
          ? 'workers'
          : 'full';
  const defaults = MODE_DEFAULTS[mode];
  const workers = mode === 'workers';
  const scenarios = ids('scenario', values.scenario, workers ? WORKER_TABLE_SCENARIOS : SCENARIO_IDS);
  const routeCounts = parseRouteCounts(values.routes, scenarios);
  const measuresLoad = mode === 'full' || mode === 'quick';
  if (!measuresLoad && (values.unpipelined !== undefined || routeCounts.length > 1))
    throw new Error('--unpipelined and several --routes go with a full or quick run');
  const unpipelined =
    values.unpipelined?.join(',') === 'none'
      ? []
      : ids(
          'unpipelined',
          values.unpipelined ?? (measuresLoad ? [...DEFAULT_UNPIPELINED] : []),
          SCENARIO_IDS,
        );
  return {
    mode,
    scenarios,
    contenders: ids(
      'contender',
      values.contender ?? (mode === 'soak' ? ['flagon'] : undefined),
      workers ? WORKER_TABLE_CONTENDERS : CONTENDER_IDS,
    ),
    rounds: Math.round(positive('rounds', values.rounds, defaults.rounds)),
    warmupSeconds: positive('warmup', values.warmup, defaults.warmupSeconds),
    durationSeconds: positive('duration', values.duration, defaults.durationSeconds),
    sliceSeconds: positive('slice', values.slice, defaults.sliceSeconds),
    connections: Math.round(positive('connections', values.connections, defaults.connections)),
    pipelining: Math.round(positive('pipelining', values.pipelining, defaults.pipelining)),
    routes: routeCounts.length === 1 ? routeCounts[0]! : ROUTE_COUNT,
    routeCounts,
    // Only the selected scenarios: the default pair stays out of a run of other scenarios.
    unpipelined: unpipelined.filter((id) => scenarios.includes(id)),
    load: load as LoadGenerator,
    soakRequests: Math.round(positive('requests', values.requests, DEFAULT_SOAK_REQUESTS)),
    render: values.render ?? false,
    routers: values.routers ?? false,
    merge: values.merge ?? false,
    help: values.help ?? false,
  };
}

/** `--routes`: one size (every contender registers it) or several (the param scenario at each, with 200). */
function parseRouteCounts(value: string | undefined, scenarios: readonly ScenarioId[]): RouteCount[] {
  const sizes = (value ?? String(ROUTE_COUNT))
    .split(',')
    .map((size) => routeCount({ BENCH_ROUTES: size.trim().replaceAll('_', '') }));
  const distinct = ROUTE_COUNTS.filter((size) => sizes.includes(size));
  if (distinct.length === 1) return distinct;
  if (!distinct.includes(ROUTE_COUNT))
    throw new Error(`--routes with several sizes measures them beside the default: include ${ROUTE_COUNT}`);
  if (!scenarios.includes(ROUTER_SCALE_SCENARIO))
    throw new Error(`--routes with several sizes measures the ${ROUTER_SCALE_SCENARIO} scenario: select it`);
  return distinct;
}

/**
 * True when the run covers every scenario and contender with autocannon, so its results may replace the
 * published ones (a `--workers` run: every scenario and contender of the worker table).
 *
 * @example
 * ```ts
 * coversEverything(parseBenchOptions(['--contender', 'hono'])); // false
 * ```
 */
export function coversEverything(options: BenchOptions): boolean {
  if (options.mode === 'workers') {
    return (
      options.scenarios.length === WORKER_TABLE_SCENARIOS.length &&
      options.contenders.length === WORKER_TABLE_CONTENDERS.length &&
      options.routes === ROUTE_COUNT
    );
  }
  return (
    options.scenarios.length === SCENARIO_IDS.length &&
    options.contenders.length === CONTENDER_IDS.length &&
    options.routes === ROUTE_COUNT &&
    options.load === 'autocannon'
  );
}
