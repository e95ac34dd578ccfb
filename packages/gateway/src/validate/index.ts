/**
 * `validate(app)`: the gateway spec lint, in the spirit of `wsgiref.validate` and `Rack::Lint`. It wraps
 * both sides of every call and throws a {@link GatewayValidationError} quoting the rule that was broken.
 */
export { GatewayValidationError, isGatewayValidationError } from './error.js';
export type { Blame, Rule, RuleId } from './rules.js';
export { RULE_IDS, RULES, specReference } from './rules.js';
export { validate } from './validate.js';
export type { ValidateOptions } from './violations.js';
