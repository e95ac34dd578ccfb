/**
 * Soak mode: one contender (the Flagon framework by default) under a long stream of requests, to show
 * that memory settles instead of growing: RSS after a warm-up against RSS at the end, within 10 %.
 */
import { fetchAnswer } from './answer-check.js';
import type { Contender } from './contenders.js';
import { LOAD_CORE, SERVER_CORE } from './cpu-pinning.js';
import { runLoad } from './load-generator.js';
import { loadProblem } from './measurement.js';
import { preparedRequest } from './prepared-request.js';
import { watchProcessUsage } from './process-usage.js';
import type { BenchRequest, Scenario } from './scenarios.js';
import { startContender } from './server-process.js';
import { roundTo } from './statistics.js';

/** How much RSS may grow between the end of the warm-up and the end of the soak. */
export const SOAK_GROWTH_LIMIT = 0.1;

export interface SoakPlan {
  readonly contender: Contender;
  /** The scenarios to cycle through; the requests are split evenly between them. */
  readonly scenarios: readonly Scenario[];
  readonly requests: number;
  readonly warmupSeconds: number;
  readonly connections: number;
  readonly pipelining: number;
}

export interface SoakResult {
  readonly date: string;
  readonly contender: string;
  readonly scenarios: readonly string[];
  readonly requests: number;
  readonly rss_after_warmup_mb: number;
  readonly rss_end_mb: number;
  readonly peak_rss_mb: number | null;
  /** (end − after warm-up) / after warm-up. */
  readonly growth: number;
  readonly within_limit: boolean;
  readonly elapsed_seconds: number;
}

/**
 * Runs the soak: a warm-up of every scenario, RSS, then `requests` requests split over the scenarios,
 * RSS again. Rejects when the server fails or answers with unexpected statuses.
 *
 * @example
 * ```ts
 * const result = await runSoak({ contender, scenarios: SCENARIOS, requests: 1_000_000, warmupSeconds: 3, connections: 100 }, console.error);
 * result.within_limit; // true when RSS grew by 10 % or less
 * ```
 */
export async function runSoak(plan: SoakPlan, log: (line: string) => void): Promise<SoakResult> {
  const startedAt = performance.now();
  const server = await startContender(plan.contender, { core: SERVER_CORE });
  const usage = watchProcessUsage(server.pid);
  try {
    const requests = new Map<Scenario, BenchRequest>();
    for (const scenario of plan.scenarios) {
      requests.set(scenario, await preparedRequest(scenario, (setup) => fetchAnswer(server.url, setup)));
    }
    const load = async (scenario: Scenario, amount: number | undefined) => {
      const result = await runLoad({
        url: server.url,
        request: requests.get(scenario) ?? scenario.request,
        connections: plan.connections,
        pipelining: plan.pipelining,
        core: LOAD_CORE,
        ...(amount === undefined ? { durationSeconds: plan.warmupSeconds } : { amount }),
      });
      const problem = loadProblem(scenario, result);
      if (problem) throw new Error(`${plan.contender.id} on ${scenario.id}: ${problem}\n${server.stderr()}`);
      return result;
    };

    for (const scenario of plan.scenarios) await load(scenario, undefined);
    const rssAfterWarmup = (await usage.currentMb()) ?? Number.NaN;
    log(`soak: ${plan.contender.id} warmed up, RSS ${rssAfterWarmup.toFixed(1)} MiB`);

    const perScenario = Math.ceil(plan.requests / plan.scenarios.length);
    for (const scenario of plan.scenarios) {
      const result = await load(scenario, perScenario);
      const rss = (await usage.currentMb()) ?? Number.NaN;
      log(
        `soak: ${scenario.id} ${result.requests.toLocaleString('en')} requests, ${Math.round(result.requests / result.durationSeconds)} req/s, RSS ${rss.toFixed(1)} MiB`,
      );
    }
    const rssEnd = (await usage.currentMb()) ?? Number.NaN;
    const growth = (rssEnd - rssAfterWarmup) / rssAfterWarmup;
    const peak = await usage.peakMb();
    return {
      date: new Date().toISOString(),
      contender: plan.contender.id,
      scenarios: plan.scenarios.map((scenario) => scenario.id),
      requests: perScenario * plan.scenarios.length,
      rss_after_warmup_mb: roundTo(rssAfterWarmup, 1),
      rss_end_mb: roundTo(rssEnd, 1),
      peak_rss_mb: peak === null ? null : roundTo(peak, 1),
      growth: roundTo(growth, 3),
      within_limit: growth <= SOAK_GROWTH_LIMIT,
      elapsed_seconds: Math.round((performance.now() - startedAt) / 1000),
    };
  } finally {
    usage.stop();
    await server.stop();
  }
}
