/**
 * `pnpm bench --scenario ... --merge`: a full run of some scenarios (every contender that answers them)
 * folded into the published results, so that adding scenarios does not need the whole 35-minute run
 * again. The run's scenarios replace their cells and rounds in `latest.json`; the other scenarios keep
 * theirs (a scenario's variants, such as its figures without pipelining, go with it: those the run did
 * not measure again are dropped with the scenario's old cells); the file then lists the merged run with its own date, settings and machine, and the report
 * says which scenarios it measured.
 */
import type { BenchResults, MergedRun, VariantResults } from './results.js';
import { SCENARIO_IDS } from './scenarios.js';

/**
 * Why `run` may not be merged into published results, or `null`: only a full autocannon run with the
 * published settings compares with the rest of the table.
 *
 * @example
 * ```ts
 * mergeProblem(published, run); // "a quick run is not merged into the published results"
 * ```
 */
export function mergeProblem(published: BenchResults, run: BenchResults): string | null {
  if (run.mode !== 'full') return `a ${run.mode} run is not merged into the published results`;
  if ((run.settings.load_generator ?? 'autocannon') !== 'autocannon')
    return 'only an autocannon run is merged';
  const missing = published.contenders.filter((c) => !run.contenders.some((own) => own.id === c.id));
  if (missing.length > 0) return `the run left out ${missing.map((c) => c.id).join(', ')}`;
  return null;
}

/**
 * `published` with `run`'s scenarios replaced by `run`'s measurements, in report order.
 *
 * @example
 * ```ts
 * const merged = mergeResults(JSON.parse(await readFile('latest.json', 'utf8')), run);
 * merged.merged?.at(-1)?.scenarios; // ["session", "page", "static"]
 * ```
 */
export function mergeResults(published: BenchResults, run: BenchResults): BenchResults {
  const replaced = new Set<string>(run.scenarios.map((scenario) => scenario.id));
  const scenarios = [
    ...published.scenarios.filter((scenario) => !replaced.has(scenario.id)),
    ...run.scenarios,
  ].sort((a, b) => order(a.id) - order(b.id));
  const results = Object.fromEntries(
    scenarios.map(({ id }) => [id, run.results[id] ?? published.results[id] ?? {}]),
  );
  const { date, mode, settings, pinning, machine, versions, elapsed_seconds } = run;
  const measuredVariants = Object.entries(run.variants ?? {}).map(
    ([key, variant]) => [key, Object.keys(variant.results)] as const,
  );
  const entry: MergedRun = {
    scenarios: run.scenarios.map((scenario) => scenario.id),
    ...(measuredVariants.length === 0 ? {} : { variants: Object.fromEntries(measuredVariants) }),
    date,
    mode,
    settings,
    pinning,
    machine,
    versions,
    elapsed_seconds,
  };
  // An earlier merged run whose scenarios were all measured again is of no use to the reader.
  const earlier = (published.merged ?? [])
    .map((merged) => ({ ...merged, scenarios: merged.scenarios.filter((id) => !replaced.has(id)) }))
    .filter((merged) => merged.scenarios.length > 0);
  const variants = mergeVariants(published, run, replaced);
  return {
    ...published,
    // Undefined when no variant is left: JSON leaves the key out.
    variants,
    // The versions every published number was measured with: the merged run's for the new packages.
    versions: { ...published.versions, ...run.versions },
    scenarios,
    results,
    rounds: [...published.rounds.filter((record) => !replaced.has(record.scenario)), ...run.rounds],
    merged: [...earlier, entry],
  };
}

/** Each variant's cells: the published ones of scenarios the run did not measure, then the run's. */
function mergeVariants(
  published: BenchResults,
  run: BenchResults,
  replaced: ReadonlySet<string>,
): Record<string, VariantResults> | undefined {
  const keys = [...new Set([...Object.keys(published.variants ?? {}), ...Object.keys(run.variants ?? {})])];
  const merged: Record<string, VariantResults> = {};
  for (const key of keys) {
    const old = published.variants?.[key];
    const fresh = run.variants?.[key];
    const kept = Object.entries(old?.results ?? {}).filter(([id]) => !replaced.has(id));
    const results = { ...Object.fromEntries(kept), ...fresh?.results };
    if (Object.keys(results).length === 0) continue;
    const { results: _, ...settings } = fresh ?? old!;
    merged[key] = { ...settings, results };
  }
  return Object.keys(merged).length === 0 ? undefined : merged;
}

function order(id: string): number {
  const index = (SCENARIO_IDS as readonly string[]).indexOf(id);
  return index === -1 ? SCENARIO_IDS.length : index;
}
