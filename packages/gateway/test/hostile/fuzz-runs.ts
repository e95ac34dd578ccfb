// How hard the property-based fuzzers try: small by default (the whole fuzz set in a few seconds),
// raised by FLAGON_FUZZ_RUNS=N (every property runs N times) or FLAGON_HOSTILE_LONG=1 (50 times the default).

/** True in the suite's long mode (`FLAGON_HOSTILE_LONG=1`). */
export const HOSTILE_LONG = process.env.FLAGON_HOSTILE_LONG === '1';

/**
 * The `numRuns` for a property whose default run count is `base`.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(fc.string(), check), { numRuns: fuzzRuns(200) });
 * ```
 */
export function fuzzRuns(base: number): number {
  const forced = Number(process.env.FLAGON_FUZZ_RUNS);
  if (Number.isInteger(forced) && forced > 0) return forced;
  return HOSTILE_LONG ? base * 50 : base;
}
