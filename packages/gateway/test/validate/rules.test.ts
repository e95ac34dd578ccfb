// One test per rule: a call that breaks it, and the error text it must produce (rule id, where, value).
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, specReference } from '../../src/index.js';
import { appRuleCases } from './app-rule-cases.js';
import { rejectionOf } from './fakes.js';
import { httpCall, sending } from './rule-case.js';
import { serverRuleCases } from './server-rule-cases.js';

const cases = [...serverRuleCases, ...appRuleCases];

describe('validate: one error per rule', () => {
  it('has a case for every rule in the table', () => {
    expect(cases.map((c) => c.rule).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(cases)('$rule', async ({ rule, where, got, run }) => {
    const error = await rejectionOf(run());
    expect(error).toMatchObject({ name: 'GatewayValidationError', rule, by: RULES[rule].by });
    expect(error.message).toBe(
      `[${rule}] ${where}: ${RULES[rule].text} (spec ${specReference(rule)}), got ${got}`,
    );
  });

  it('quotes the rule, its spec section and tag, and the value', async () => {
    const error = await rejectionOf(httpCall(sending({ type: 'http.response.start', status: 700 })));
    expect(error.message).toBe(
      '[status-range] http.response.start: status must be an integer from 100 to 599 (spec §3.2 [A-STATUS]), got 700',
    );
  });
});
