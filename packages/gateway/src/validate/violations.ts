import { GatewayValidationError } from './error.js';
import type { RuleId } from './rules.js';

/** Options of `validate()`. */
export interface ValidateOptions {
  /**
   * Called with every violation as it is found, before it is thrown: a place to log what an app or a
   * server might swallow.
   */
  onViolation?: (error: GatewayValidationError) => void;
}

/** Builds, records and returns a violation; the caller throws it where the rule was broken. */
export type Report = (rule: RuleId, where: string, value: unknown, got?: string) => GatewayValidationError;

/**
 * The violations of one app call. The first one is kept so the wrapped app rejects with it even when the
 * app caught what `send` or `receive` threw.
 *
 * @example
 * ```ts
 * const violations = new Violations(options);
 * throw violations.report('status-range', 'http.response.start', 700);
 * ```
 */
export class Violations {
  #first: GatewayValidationError | undefined;

  constructor(private readonly options: ValidateOptions = {}) {}

  /** The first violation found, if any. */
  get first(): GatewayValidationError | undefined {
    return this.#first;
  }

  readonly report: Report = (rule, where, value, got) => {
    const error = new GatewayValidationError(rule, where, value, got);
    this.#first ??= error;
    this.options.onViolation?.(error);
    return error;
  };
}
