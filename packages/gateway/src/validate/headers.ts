import { INVALID_IN_FIELD_VALUE } from '../field-value.js';
import type { RuleId } from './rules.js';
import type { Report } from './violations.js';

/** The three rules a header list obeys, which differ by side: the scope's (server) or an event's (app). */
export interface HeaderRules {
  readonly list: RuleId;
  readonly name: RuleId;
  readonly value: RuleId;
  /** What a value may not hold on this side. */
  readonly invalidValue: RegExp;
}

export const SCOPE_HEADER_RULES: HeaderRules = {
  list: 'scope-header-list',
  name: 'scope-header-name',
  value: 'scope-header-value',
  invalidValue: /[\r\n\0]/,
};

export const EVENT_HEADER_RULES: HeaderRules = {
  list: 'header-list',
  name: 'header-name',
  value: 'header-value',
  // [A-HEADER-VALUE]: an RFC 9110 field value, as every transport can send it.
  invalidValue: INVALID_IN_FIELD_VALUE,
};

// RFC 9110 token characters, lowercase only: the spec keeps header names lowercase on both sides.
const LOWERCASE_TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/**
 * Throws the first broken header rule of `headers`, an ordered list of `[name, value]` pairs.
 *
 * @example
 * ```ts
 * checkHeaderList(event.headers ?? [], 'http.response.start headers', EVENT_HEADER_RULES, report);
 * ```
 */
export function checkHeaderList(headers: unknown, where: string, rules: HeaderRules, report: Report): void {
  if (!Array.isArray(headers)) throw report(rules.list, where, headers);
  headers.forEach((pair: unknown, index) => {
    const at = `${where}[${index}]`;
    if (
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'string'
    ) {
      throw report(rules.list, at, pair);
    }
    if (!LOWERCASE_TOKEN.test(pair[0])) throw report(rules.name, at, pair[0]);
    if (rules.invalidValue.test(pair[1])) throw report(rules.value, `${at} (${pair[0]})`, pair[1]);
  });
}
