// docs/conformance.md lists the checks; the list must be the kit's, in its order and words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceCheck } from '../../src/conformance/index.js';
import { CONFORMANCE_CHECKS } from '../../src/conformance/index.js';

const doc = readFileSync(join(import.meta.dirname, '../../../../docs/conformance.md'), 'utf8');

function needs({ requires }: ConformanceCheck): string {
  const parts = [
    requires?.extension && `the \`${requires.extension}\` extension`,
    requires?.drain && '`drain()`',
  ].filter(Boolean);
  return parts.length > 0 ? ` (needs ${parts.join(' and ')})` : '';
}

describe('docs/conformance.md', () => {
  it('lists every check, in order, with its spec reference, rule and needs', () => {
    const rows = doc.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line));
    expect(rows).toEqual(
      CONFORMANCE_CHECKS.map((check) => `| \`${check.id}\` | ${check.spec} | ${check.rule}${needs(check)} |`),
    );
  });

  it('gives every check a unique id', () => {
    const ids = CONFORMANCE_CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
