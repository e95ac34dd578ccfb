import { describeValue } from './describe-value.js';
import type { Blame, RuleId } from './rules.js';
import { RULES, specReference } from './rules.js';

/**
 * A broken gateway spec rule, found by `validate()`. The message quotes the rule and the offending value:
 * `[status-range] http.response.start: status must be an integer from 100 to 599 (spec §3.2 [A-STATUS]), got 700`.
 *
 * @example
 * ```ts
 * try {
 *   await send({ type: 'http.response.start', status: 700 });
 * } catch (error) {
 *   if (isGatewayValidationError(error)) console.log(error.rule, error.by); // "status-range" "app"
 * }
 * ```
 */
export class GatewayValidationError extends Error {
  readonly code = 'ERR_GATEWAY_VALIDATION';
  /** Whose mistake it is: the server's or the app's. */
  readonly by: Blame;

  constructor(
    /** The rule's stable id, a key of {@link RULES}. */
    readonly rule: RuleId,
    /** Where the rule was broken, e.g. `"http.response.start"` or `"scope"`. */
    readonly where: string,
    /** The offending value. */
    readonly value: unknown,
    /** Overrides the rendering of `value` after "got", for values best told in words. */
    got: string = describeValue(value),
  ) {
    super(`[${rule}] ${where}: ${RULES[rule].text} (spec ${specReference(rule)}), got ${got}`);
    this.name = 'GatewayValidationError';
    this.by = RULES[rule].by;
  }
}

/**
 * True for the error `validate()` throws (from any copy of this package).
 *
 * @example
 * ```ts
 * if (isGatewayValidationError(error) && error.by === 'server') reportServerBug(error);
 * ```
 */
export function isGatewayValidationError(error: unknown): error is GatewayValidationError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'ERR_GATEWAY_VALIDATION'
  );
}
