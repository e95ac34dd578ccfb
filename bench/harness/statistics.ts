/**
 * The statistic the report is built on (the median, robust to the odd round disturbed by the machine),
 * and the rounding of the numbers kept.
 */

/**
 * The median of the known (non-`null`) `values`, or `null` for none (the mean of the middle two for an
 * even count).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * median([4, 1, null, 3, 2]); // 2.5
 * ```
 */
export function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return null;
  const sorted = known.sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/**
 * `value` rounded to `digits` decimals.
 *
 * @example
 * ```ts
 * roundTo(101.4609375, 1); // 101.5
 * ```
 */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
