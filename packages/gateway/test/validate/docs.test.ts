// docs/validate.md quotes the rules table; errors quote it too, so the two must say the same words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES, specReference } from '../../src/index.js';

const doc = readFileSync(join(import.meta.dirname, '../../../../docs/validate.md'), 'utf8');

describe('docs/validate.md', () => {
  it('lists every rule, in table order, with its side, spec reference and exact words', () => {
    const rows = doc.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line));
    expect(rows).toEqual(
      RULE_IDS.map((id) => `| \`${id}\` | ${RULES[id].by} | ${specReference(id)} | ${RULES[id].text} |`),
    );
  });
});
