/**
 * `pnpm bench`: parses the command line, runs the benchmark (or the soak) and writes the results.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BUILT_FLAGON_ENV, stageBuiltFlagon } from './built-flagon.js';
import { ALL_CONTENDERS, CONTENDERS, IN_PROCESS_CONTENDERS } from './contenders.js';
import { LOAD_CORE, pinCurrentProcess, pinningSupport, SERVER_CORE } from './cpu-pinning.js';
import { busyShare, machineInfo, versions } from './environment.js';
import { writeInProcessReport } from './in-process-report.js';
import { type InProcessResults, runInProcess, summarizeInProcess } from './in-process-run.js';
import { type LoadRunner, LoadWorker } from './load-worker.js';
import { writeReport } from './markdown-report.js';
import { openCell, sliceCount } from './measurement.js';
import { mergeProblem, mergeResults } from './merge-results.js';
import {
  type BenchOptions,
  coversEverything,
  estimatedMinutes,
  parseBenchOptions,
  USAGE,
} from './options.js';
import { type BenchResults, summarize } from './results.js';
import { runRounds } from './rounds.js';
import { lookupTable, measureLookups } from './router-lookups.js';
import { answers, SCENARIOS } from './scenarios.js';
import { runSoak, SOAK_GROWTH_LIMIT } from './soak.js';
import { measuredScenarios } from './variants.js';
import { writeWorkersReport } from './workers-report.js';
import { type WorkerTableResults, withWorkerRatios } from './workers-table.js';
import { runWrk, wrkAvailable } from './wrk-load.js';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));
const REPORT_DOC = fileURLToPath(new URL('../../docs/benchmarks.md', import.meta.url));

const BUSY_SAMPLE_SECONDS = 3;

const log = (line: string) => process.stderr.write(`${line}\n`);

async function writeJson(name: string, value: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = `${RESULTS_DIR}${name}`;
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}

async function benchmark(options: BenchOptions): Promise<number> {
  const scenarios = SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.id));
  // In the order the options list them: the worker table mixes both kinds of contender.
  const contenders = options.contenders.flatMap((id) => ALL_CONTENDERS.filter((each) => each.id === id));
  const measured = measuredScenarios(scenarios, {
    unpipelined: options.unpipelined,
    routes: options.routeCounts,
  });
  const settings = {
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    sliceSeconds: options.sliceSeconds,
    connections: options.connections,
    pipelining: options.pipelining,
  };
  log(
    `bench: ${options.mode} run, ${options.rounds} round(s) × ${scenarios.length} scenario(s) × ${contenders.length} contender(s), about ${estimatedMinutes(options).toFixed(0)} min`,
  );

  // What else runs right now, before any of ours: the load average would still count the last minute.
  const machine = machineInfo(await busyShare(BUSY_SAMPLE_SECONDS));
  const date = new Date().toISOString();
  const startedAt = performance.now();
  const support = pinningSupport();
  const worker =
    options.load === 'autocannon' ? await LoadWorker.start(support.available ? LOAD_CORE : null) : null;
  const runner: LoadRunner = worker?.run ?? runWrk;
  const records = await runRounds(
    { scenarios, measured, contenders, rounds: options.rounds, settings },
    log,
    (contender, scenario, load, cell) =>
      openCell(contender, scenario, load, {
        ...cell,
        runner,
        quietCore: support.available ? SERVER_CORE : null,
      }),
  ).finally(() => worker?.stop());
  const results = summarize(records, {
    scenarios,
    contenders,
    measured,
    context: {
      date,
      mode: options.mode,
      settings: { ...settings, rounds: options.rounds, load_generator: options.load },
      pinning: support.available
        ? { server_core: SERVER_CORE, load_core: LOAD_CORE }
        : { unpinned: support.reason ?? 'unavailable' },
      machine,
      versions: versions(contenders),
      elapsed_seconds: Math.round((performance.now() - startedAt) / 1000),
    },
  });

  if (options.mode === 'workers') {
    const table = withWorkerRatios(results);
    if (coversEverything(options)) {
      log(`bench: wrote ${await writeJson('workers.json', table)} and the worker table in ${REPORT_DOC}`);
      await writeWorkersReport(REPORT_DOC, table);
    } else {
      log(`bench: a partial worker table, wrote ${await writeJson('workers-partial.json', table)} only`);
    }
  } else if (coversEverything(options)) {
    log(`bench: wrote ${await writeJson('latest.json', results)} and ${REPORT_DOC}`);
    await writeReport(REPORT_DOC, results);
  } else if (options.merge) {
    const published = JSON.parse(await readFile(`${RESULTS_DIR}latest.json`, 'utf8')) as BenchResults;
    const problem = mergeProblem(published, results);
    if (problem !== null)
      throw new Error(`not merged: ${problem} (${await writeJson('partial.json', results)})`);
    const merged = mergeResults(published, results);
    log(
      `bench: merged ${options.scenarios.join(', ')} into ${await writeJson('latest.json', merged)} and ${REPORT_DOC}`,
    );
    await writeReport(REPORT_DOC, merged);
  } else {
    log(
      `bench: a partial run (--scenario/--contender/--load), wrote ${await writeJson('partial.json', results)} only`,
    );
  }
  const failed = Object.values(results.results).flatMap((cells) =>
    Object.values(cells).filter((cell) => 'error' in cell),
  );
  log(
    `bench: done in ${(results.elapsed_seconds / 60).toFixed(1)} min${failed.length ? `, ${failed.length} cell(s) failed` : ''}`,
  );
  return failed.length > 0 ? 1 : 0;
}

async function render(): Promise<number> {
  const results = JSON.parse(await readFile(`${RESULTS_DIR}latest.json`, 'utf8')) as BenchResults;
  await writeReport(REPORT_DOC, results);
  log(`bench: rewrote ${REPORT_DOC} from ${RESULTS_DIR}latest.json`);
  const workers = await readFile(`${RESULTS_DIR}workers.json`, 'utf8').catch(() => null);
  if (workers !== null) {
    await writeWorkersReport(REPORT_DOC, JSON.parse(workers) as WorkerTableResults);
    log(`bench: and its worker table from ${RESULTS_DIR}workers.json`);
  }
  const inProcess = await readFile(`${RESULTS_DIR}in-process.json`, 'utf8').catch(() => null);
  if (inProcess !== null) {
    await writeInProcessReport(REPORT_DOC, JSON.parse(inProcess) as InProcessResults);
    log(`bench: and its in-process section from ${RESULTS_DIR}in-process.json`);
  }
  return 0;
}

async function routers(): Promise<number> {
  log('bench: router lookups in this process, 15 rounds of every router and size (about 1 min)');
  const figures = measureLookups({ rounds: 15, lookups: 100_000 });
  process.stdout.write(`${lookupTable(figures)}\n`);
  log(`bench: wrote ${await writeJson('router-lookups.json', { date: new Date().toISOString(), figures })}`);
  return 0;
}

async function inProcess(options: BenchOptions): Promise<number> {
  const scenarios = SCENARIOS.filter((scenario) => options.scenarios.includes(scenario.id));
  const contenders = IN_PROCESS_CONTENDERS.filter((contender) => options.contenders.includes(contender.id));
  const timing = {
    warmupMs: options.warmupSeconds * 1000,
    batches: sliceCount(options),
    batchMs: options.sliceSeconds * 1000,
  };
  log(
    `bench: in-process run, ${options.rounds} round(s) × ${scenarios.length} scenario(s) × ${contenders.length} contender(s), about ${estimatedMinutes(options).toFixed(0)} min`,
  );
  const machine = machineInfo(await busyShare(BUSY_SAMPLE_SECONDS));
  const date = new Date().toISOString();
  const startedAt = performance.now();
  const core = pinningSupport().available ? SERVER_CORE : null;
  const records = await runInProcess({ scenarios, contenders, rounds: options.rounds, timing, core }, log);
  const results: InProcessResults = {
    kind: 'in-process',
    date,
    timing: { ...timing, rounds: options.rounds },
    server_core: core,
    machine,
    versions: versions(contenders),
    elapsed_seconds: Math.round((performance.now() - startedAt) / 1000),
    scenarios: scenarios.map(({ id, title, description }) => ({ id, title, description })),
    contenders: contenders.map(({ id, label }) => ({ id, label })),
    results: summarizeInProcess(records, scenarios, contenders),
    rounds: records,
  };
  if (coversEverything(options)) {
    log(`bench: wrote ${await writeJson('in-process.json', results)} and ${REPORT_DOC}`);
    await writeInProcessReport(REPORT_DOC, results);
  } else {
    log(`bench: a partial run, wrote ${await writeJson('in-process-partial.json', results)} only`);
  }
  const failed = Object.values(results.results).flatMap((cells) =>
    Object.values(cells).filter((cell) => 'error' in cell),
  );
  log(`bench: done${failed.length ? `, ${failed.length} cell(s) failed` : ''}`);
  return failed.length > 0 ? 1 : 0;
}

async function soak(options: BenchOptions): Promise<number> {
  const contender = CONTENDERS.find((candidate) => candidate.id === options.contenders[0]);
  if (!contender) throw new Error('soak: no contender selected');
  const result = await runSoak(
    {
      contender,
      scenarios: SCENARIOS.filter(
        (scenario) => options.scenarios.includes(scenario.id) && answers(contender.id, scenario),
      ),
      requests: options.soakRequests,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      pipelining: options.pipelining,
    },
    log,
  );
  const path = await writeJson('soak.json', result);
  const verdict = result.within_limit ? 'within' : 'NOT within';
  log(
    `soak: RSS ${result.rss_after_warmup_mb} MiB after warm-up, ${result.rss_end_mb} MiB after ` +
      `${result.requests.toLocaleString('en')} requests (${(result.growth * 100).toFixed(1)} %): ` +
      `${verdict} ${SOAK_GROWTH_LIMIT * 100} %. Wrote ${path}`,
  );
  return result.within_limit ? 0 : 1;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    log(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.render) return render();
  if (options.routers) return routers();
  // Flagon measured as installed (built JavaScript), as Fastify and Hono are; FLAGON_BENCH_SOURCE=1 keeps
  // the workspace's TypeScript source (through tsx, which adds a `__name` call to every function made).
  if (process.env.FLAGON_BENCH_SOURCE !== '1') {
    log('bench: building @flagon/gateway and @flagon/framework as published (FLAGON_BENCH_SOURCE=1 skips)');
    process.env[BUILT_FLAGON_ENV] = stageBuiltFlagon();
  }
  // Read by every contender process (they inherit the environment) and by the param scenario's title.
  process.env.BENCH_ROUTES = String(options.routes);
  if (options.load === 'wrk' && !wrkAvailable()) {
    log('bench: --load wrk needs the wrk command (Debian: apt-get install wrk)');
    return 1;
  }
  const support = pinningSupport();
  if (!support.available) log(`bench: warning: ${support.reason}; numbers will be noisier`);
  // The harness's own bookkeeping shares the load core, leaving the server's core to the server.
  pinCurrentProcess(LOAD_CORE);
  if (options.mode === 'in-process') return inProcess(options);
  return options.mode === 'soak' ? soak(options) : benchmark(options);
}

process.exitCode = await main().catch((error: unknown) => {
  log(`bench: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
