import { describe, expect, it } from 'vitest';
import { CONTENDER_IDS, CONTENDERS } from '../harness/contenders.js';
import {
  coversEverything,
  DEFAULT_SOAK_REQUESTS,
  estimatedMinutes,
  MODE_DEFAULTS,
  parseBenchOptions,
} from '../harness/options.js';
import { SCENARIO_IDS, SCENARIOS } from '../harness/scenarios.js';

describe('parseBenchOptions', () => {
  it('runs everything with the full-run defaults when given nothing', () => {
    const options = parseBenchOptions([]);
    expect(options).toMatchObject({ mode: 'full', ...MODE_DEFAULTS.full, render: false, help: false });
    expect(options.scenarios).toEqual([...SCENARIO_IDS]);
    expect(options.contenders).toEqual([...CONTENDER_IDS]);
    expect(coversEverything(options)).toBe(true);
  });

  it('plans a full run of about an hour and a half and a quick one of about 9 minutes on two cores', () => {
    // 13 scenarios × up to 9 contenders (the Fetch family included) × 5 rounds, query and list unpipelined.
    expect(estimatedMinutes(parseBenchOptions([]))).toBeGreaterThanOrEqual(76);
    expect(estimatedMinutes(parseBenchOptions([]))).toBeLessThanOrEqual(90);
    expect(estimatedMinutes(parseBenchOptions(['--quick']))).toBeGreaterThanOrEqual(6);
    expect(estimatedMinutes(parseBenchOptions(['--quick']))).toBeLessThanOrEqual(10);
  });

  it('measures query and list without pipelining too in a full or quick run, unless told otherwise', () => {
    expect(parseBenchOptions([]).unpipelined).toEqual(['query', 'list']);
    expect(parseBenchOptions(['--quick', '--scenario', 'list,json']).unpipelined).toEqual(['list']);
    expect(parseBenchOptions(['--unpipelined', 'json', '--unpipelined', 'plaintext']).unpipelined).toEqual([
      'plaintext',
      'json',
    ]);
    expect(parseBenchOptions(['--unpipelined', 'none']).unpipelined).toEqual([]);
    expect(parseBenchOptions(['--in-process']).unpipelined).toEqual([]);
    const both = parseBenchOptions(['--scenario', 'query', '--rounds', '1']);
    const alone = parseBenchOptions(['--scenario', 'query', '--rounds', '1', '--unpipelined', 'none']);
    expect(estimatedMinutes(both) / estimatedMinutes(alone)).toBeCloseTo(2);
    expect(() => parseBenchOptions(['--unpipelined', 'jsno'])).toThrow(/unknown --unpipelined jsno/);
    expect(() => parseBenchOptions(['--soak', '--unpipelined', 'query'])).toThrow(
      '--unpipelined and several --routes go with a full or quick run',
    );
  });

  it('measures the param scenario at several route counts in one run, the Node contenders only', () => {
    const options = parseBenchOptions(['--scenario', 'params', '--routes', '10,200,2000', '--rounds', '1']);
    expect(options).toMatchObject({ routes: 200, routeCounts: [10, 200, 2000] });
    const plain = parseBenchOptions(['--scenario', 'params', '--rounds', '1']);
    const node = CONTENDERS.filter((contender) => contender.runtime !== 'bun').length;
    // Three sizes of the param scenario: 9 contenders at 200, the Node ones at 10 and at 2,000.
    expect(estimatedMinutes(options) / estimatedMinutes(plain)).toBeCloseTo(
      (CONTENDERS.length + 2 * node) / 9,
    );
    expect(coversEverything(options)).toBe(false);
    expect(parseBenchOptions(['--routes', '2000'])).toMatchObject({ routes: 2000, routeCounts: [2000] });
    expect(() => parseBenchOptions(['--routes', '10,2000'])).toThrow('include 200');
    expect(() => parseBenchOptions(['--scenario', 'json', '--routes', '10,200'])).toThrow(
      'measures the params scenario: select it',
    );
    expect(() => parseBenchOptions(['--routes', '10,500'])).toThrow('BENCH_ROUTES must be one of');
  });

  it('counts only the contenders that answer each scenario (the raw ones sit out the sessions)', () => {
    const sessions = parseBenchOptions(['--scenario', 'session', '--rounds', '1']);
    const plaintext = parseBenchOptions(['--scenario', 'plaintext', '--rounds', '1']);
    const answering = SCENARIOS.find((scenario) => scenario.id === 'session')?.contenders ?? [];
    expect(answering).not.toContain('node-http');
    expect(estimatedMinutes(sessions) / estimatedMinutes(plaintext)).toBeCloseTo(
      answering.length / CONTENDER_IDS.length,
    );
  });

  it('takes the quick defaults with --quick, and explicit flags over them', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({ mode: 'quick', ...MODE_DEFAULTS.quick });
    expect(
      parseBenchOptions(['--quick', '--rounds', '3', '--duration', '2.5', '--warmup', '1']),
    ).toMatchObject({
      rounds: 3,
      durationSeconds: 2.5,
      warmupSeconds: 1,
    });
  });

  it('keeps report order for --scenario and --contender, comma-separated or repeated', () => {
    const options = parseBenchOptions([
      '--scenario',
      'params,json',
      '--contender',
      'hono',
      '--contender',
      'node-http',
    ]);
    expect(options.scenarios).toEqual(['json', 'params']);
    expect(options.contenders).toEqual(['node-http', 'hono']);
    expect(coversEverything(options)).toBe(false);
  });

  it('loads with autocannon unless told wrk, and never publishes a wrk run', () => {
    expect(parseBenchOptions([]).load).toBe('autocannon');
    const wrk = parseBenchOptions(['--load', 'wrk']);
    expect(wrk.load).toBe('wrk');
    expect(coversEverything(wrk)).toBe(false);
  });

  it('soaks the Flagon framework with a million requests unless told otherwise', () => {
    expect(parseBenchOptions(['--soak'])).toMatchObject({
      mode: 'soak',
      contenders: ['flagon'],
      soakRequests: DEFAULT_SOAK_REQUESTS,
    });
    expect(parseBenchOptions(['--soak', '--requests', '50_000', '--contender', 'fastify'])).toMatchObject({
      contenders: ['fastify'],
      soakRequests: 50_000,
    });
  });

  it('rejects unknown ids, bad numbers and unknown flags with a readable message', () => {
    expect(() => parseBenchOptions(['--scenario', 'jsno'])).toThrow(
      /unknown --scenario jsno \(known: plaintext/,
    );
    expect(() => parseBenchOptions(['--rounds', '0'])).toThrow('--rounds needs a positive number, got 0');
    expect(() => parseBenchOptions(['--quick', '--soak'])).toThrow('do not go together');
    expect(() => parseBenchOptions(['--fast'])).toThrow(/--fast/);
    expect(() => parseBenchOptions(['--load', 'ab'])).toThrow('unknown --load ab (known: autocannon, wrk)');
    expect(() => parseBenchOptions(['--soak', '--load', 'wrk'])).toThrow('only autocannon');
    expect(() => parseBenchOptions(['--in-process', '--quick'])).toThrow(
      '--quick and --in-process do not go together',
    );
    expect(() => parseBenchOptions(['--in-process', '--load', 'wrk'])).toThrow('--in-process sends no load');
  });

  it('merges a full run of some scenarios, and nothing narrower or other', () => {
    expect(parseBenchOptions(['--scenario', 'session,page', '--merge']).merge).toBe(true);
    expect(parseBenchOptions([]).merge).toBe(false);
    for (const flags of [['--quick'], ['--contender', 'flagon'], ['--load', 'wrk'], ['--in-process']]) {
      expect(() => parseBenchOptions(['--scenario', 'session', '--merge', ...flags])).toThrow(
        '--merge folds a full autocannon run of every contender into the published results',
      );
    }
  });

  it('plans an in-process run of 7 rounds in 7 batches, 30 to 45 minutes for everything (no Bun)', () => {
    const options = parseBenchOptions(['--in-process']);
    expect(options).toMatchObject({ mode: 'in-process', rounds: 7, warmupSeconds: 1.5, sliceSeconds: 0.15 });
    expect(coversEverything(options)).toBe(true);
    expect(estimatedMinutes(options)).toBeGreaterThanOrEqual(30);
    expect(estimatedMinutes(options)).toBeLessThanOrEqual(45);
    expect(coversEverything(parseBenchOptions(['--in-process', '--scenario', 'json']))).toBe(false);
  });
});
