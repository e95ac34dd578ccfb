// Soak mode end to end, shrunk to a few hundred requests on the lightest contender.
import { describe, expect, it } from 'vitest';
import { CONTENDERS } from '../harness/contenders.js';
import { SCENARIOS } from '../harness/scenarios.js';
import { runSoak, SOAK_GROWTH_LIMIT } from '../harness/soak.js';

describe('runSoak', () => {
  // Starting the contender and waiting for a quiet core take most of its ~16 s; under load that passes 20 s.
  it('sends the requests split over the scenarios and reports RSS after warm-up and at the end', async () => {
    const contender = CONTENDERS.find((candidate) => candidate.id === 'node-http');
    if (!contender) throw new Error('node-http contender missing');
    const lines: string[] = [];
    const scenarios = SCENARIOS.filter((scenario) => scenario.id === 'json' || scenario.id === 'validate');
    const result = await runSoak(
      { contender, scenarios, requests: 300, warmupSeconds: 0.3, connections: 2, pipelining: 1 },
      (line) => lines.push(line),
    );
    expect(result).toMatchObject({ contender: 'node-http', scenarios: ['json', 'validate'], requests: 300 });
    expect(result.rss_after_warmup_mb).toBeGreaterThan(10);
    expect(result.rss_end_mb).toBeGreaterThan(10);
    expect(result.within_limit).toBe(result.growth <= SOAK_GROWTH_LIMIT);
    expect(lines).toEqual([
      expect.stringMatching(/^soak: node-http warmed up, RSS [\d.]+ MiB$/),
      expect.stringMatching(/^soak: json 150 requests, /),
      expect.stringMatching(/^soak: validate 150 requests, /),
    ]);
  }, 60_000);
});
