/**
 * Variants of a scenario measured in the same run, right after the scenario itself: without pipelining
 * (`--unpipelined query,list`: most browsers and many clients send one request at a time), and the
 * param scenario with another number of registered routes (`--routes 10,200,2000`: router scale).
 * Their records carry the variant's key; `results.ts` summarizes them beside the scenarios' own cells.
 */
import { ROUTE_COUNT, type RouteCount } from '../app/route-table.js';
import type { Contender } from './contenders.js';
import type { LoadSettings } from './measurement.js';
import { answers, type Scenario, type ScenarioId } from './scenarios.js';

/** How a variant differs from the run's own measurement of a scenario. */
export interface LoadVariant {
  /** How records and results name it: `pipelining-1`, `routes-2000`. */
  readonly key: string;
  /** Requests in flight per connection instead of the run's `--pipelining`. */
  readonly pipelining?: number;
  /** Routes every contender registers (`BENCH_ROUTES`) instead of the default 200. */
  readonly routes?: RouteCount;
}

/** A scenario as a run measures it: as such, or in a variant. */
export interface MeasuredScenario {
  readonly scenario: Scenario;
  readonly variant?: LoadVariant;
}

/** The scenario router scale is measured on. */
export const ROUTER_SCALE_SCENARIO: ScenarioId = 'params';

/** Without pipelining: one request in flight per connection. */
export const UNPIPELINED: LoadVariant = { key: 'pipelining-1', pipelining: 1 };

/**
 * The variant registering `count` routes.
 *
 * @example
 * ```ts
 * routesVariant(2000); // { key: 'routes-2000', routes: 2000 }
 * ```
 */
export function routesVariant(count: RouteCount): LoadVariant {
  return { key: `routes-${count}`, routes: count };
}

/**
 * The run's schedule of scenarios: each selected scenario, then its variants: pipelining 1 for those
 * in `unpipelined`, and the param scenario at each size of `routes` other than the default.
 *
 * @example
 * ```ts
 * measuredScenarios(SCENARIOS, { unpipelined: ['query'], routes: [10, 200, 2000] });
 * // params, params@routes-10, params@routes-2000, ..., query, query@pipelining-1, ...
 * ```
 */
export function measuredScenarios(
  scenarios: readonly Scenario[],
  plan: { readonly unpipelined: readonly ScenarioId[]; readonly routes: readonly RouteCount[] },
): MeasuredScenario[] {
  return scenarios.flatMap((scenario) => {
    const variants: LoadVariant[] = [];
    if (scenario.id === ROUTER_SCALE_SCENARIO) {
      for (const count of plan.routes) if (count !== ROUTE_COUNT) variants.push(routesVariant(count));
    }
    if (plan.unpipelined.includes(scenario.id)) variants.push(UNPIPELINED);
    return [{ scenario }, ...variants.map((variant) => ({ scenario, variant }))];
  });
}

/**
 * True when `contender` is measured on `measured`: it answers the scenario, and router scale is a
 * question for the Node contenders (on Bun it would measure the runtime as much as the router).
 *
 * @example
 * ```ts
 * measures(honoBun, { scenario: params, variant: routesVariant(10) }); // false
 * ```
 */
export function measures(contender: Pick<Contender, 'id' | 'runtime'>, measured: MeasuredScenario): boolean {
  if (!answers(contender.id, measured.scenario)) return false;
  return measured.variant?.routes === undefined || contender.runtime !== 'bun';
}

/** The load settings of `variant`: the run's, with its own pipelining. */
export function variantSettings(settings: LoadSettings, variant: LoadVariant | undefined): LoadSettings {
  return variant?.pipelining === undefined ? settings : { ...settings, pipelining: variant.pipelining };
}

/** What a contender's process needs in its environment for `variant` (its route table's size). */
export function variantEnv(variant: LoadVariant | undefined): Record<string, string> {
  return variant?.routes === undefined ? {} : { BENCH_ROUTES: String(variant.routes) };
}

/** `scenario@key` for logs, or the scenario id alone. */
export function measuredName(measured: MeasuredScenario): string {
  return measured.variant === undefined
    ? measured.scenario.id
    : `${measured.scenario.id}@${measured.variant.key}`;
}
