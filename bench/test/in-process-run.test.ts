// The in-process run around the measurement: its schedule (processes taking turns batch by batch), its
// summary (median batch, ratios paired by turn), its section of the docs, and real measuring processes.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENDERS, type Contender } from '../harness/contenders.js';
import {
  IN_PROCESS_END,
  IN_PROCESS_START,
  renderInProcessReport,
  writeInProcessReport,
} from '../harness/in-process-report.js';
import {
  type InProcessPlan,
  type InProcessRecord,
  type InProcessResults,
  type OpenInProcessCell,
  openChildCell,
  runInProcess,
  summarizeInProcess,
} from '../harness/in-process-run.js';
import { REPORT_END, REPORT_START } from '../harness/markdown-report.js';
import { SCENARIOS } from '../harness/scenarios.js';

const byId = (id: string) => CONTENDERS.find((contender) => contender.id === id)!;
const plaintext = SCENARIOS.find((scenario) => scenario.id === 'plaintext')!;
const timing = { warmupMs: 50, batches: 3, batchMs: 10 };
const FOUR = ['node-http', 'flagon-gateway', 'flagon', 'fastify'].map(byId);

function plan(contenders: readonly Contender[], rounds: number): InProcessPlan {
  return { scenarios: [plaintext], contenders, rounds, timing, core: null };
}

const TIMES: Record<string, number> = {
  'node-http': 1000,
  'flagon-gateway': 1300,
  flagon: 1500,
  fastify: 1600,
};

/**
 * Fake measuring processes that log each step, on a machine whose speed halves for every third turn of
 * batches (the settling turn counts): a contender measured then takes twice as long, whoever it is.
 */
function fakeCells(steps: string[]): OpenInProcessCell {
  let turn = 0;
  return async (contender) => {
    if (contender.id === 'express') throw new Error('wrong answer: status 500, expected 200');
    steps.push(`open ${contender.id}`);
    return {
      warmUp: async () => void steps.push(`warm ${contender.id}`),
      measure: async () => {
        steps.push(`measure ${contender.id}`);
        const slow = Math.floor(turn++ / 4) % 3 === 2 ? 2 : 1;
        return { ns_per_request: TIMES[contender.id]! * slow, requests: 200 };
      },
      stop: async () => void steps.push(`stop ${contender.id}`),
    };
  };
}

describe('runInProcess', () => {
  it('starts every process, warms each, then takes batches in turns, and records failures', async () => {
    const steps: string[] = [];
    const lines: string[] = [];
    const contenders = [...FOUR, byId('express')];
    const records = await runInProcess(plan(contenders, 1), (line) => lines.push(line), fakeCells(steps));
    expect(steps.slice(0, 4).every((step) => step.startsWith('open'))).toBe(true);
    expect(steps.slice(4, 8).every((step) => step.startsWith('warm'))).toBe(true);
    // A settling turn, then three kept turns of four batches: every contender once per turn.
    const measured = steps.filter((step) => step.startsWith('measure'));
    expect(measured).toHaveLength(16);
    for (let turn = 0; turn < 4; turn++) {
      expect(new Set(measured.slice(turn * 4, turn * 4 + 4)).size).toBe(4);
    }
    expect(steps.filter((step) => step.startsWith('stop'))).toHaveLength(4);
    expect(records).toHaveLength(5);
    expect(records.find((record) => record.contender === 'express')).toMatchObject({
      ok: false,
      error: 'wrong answer: status 500, expected 200',
    });
    expect(lines.some((line) => line.includes('express: FAILED wrong answer'))).toBe(true);
    expect(records.find((record) => record.contender === 'flagon')).toMatchObject({
      ok: true,
      slices: [1500, 3000, 1500],
      requests: 600,
    });
  });
});

describe('summarizeInProcess', () => {
  it('gives the median batch and cost ratios paired by turn, unmoved by a slow turn', async () => {
    const records = await runInProcess(plan(FOUR, 2), () => {}, fakeCells([]));
    const cells = summarizeInProcess(records, [plaintext], FOUR).plaintext!;
    expect(cells['node-http']).toEqual({
      ns_per_request: 1000,
      rounds: 2,
      cost_vs_node_http: 1,
      cost_vs_fastify: 0.625,
    });
    expect(cells.flagon).toMatchObject({
      ns_per_request: 1500,
      cost_vs_node_http: 1.5,
      cost_vs_fastify: 0.938,
    });
  });

  it('keeps the error of a cell no round measured', () => {
    const records: InProcessRecord[] = [
      { round: 1, scenario: 'plaintext', contender: 'express', ok: false, error: 'exited with 1: boom' },
    ];
    expect(summarizeInProcess(records, [plaintext], [byId('express')]).plaintext).toEqual({
      express: { error: 'exited with 1: boom' },
    });
  });
});

async function resultsFor(): Promise<InProcessResults> {
  const records = await runInProcess(plan(FOUR, 1), () => {}, fakeCells([]));
  return {
    kind: 'in-process',
    date: '2026-11-26T12:00:00.000Z',
    timing: { ...timing, rounds: 1 },
    server_core: 0,
    machine: { cpu_model: 'Test CPU', cores: 2, memory_mb: 4096, os: 'linux test x64', load_average: 0.1 },
    versions: { node: 'v20.0.0' },
    elapsed_seconds: 420,
    scenarios: [plaintext],
    contenders: FOUR.map(({ id, label }) => ({ id, label })),
    results: summarizeInProcess(records, [plaintext], FOUR),
    rounds: records,
  };
}

describe('renderInProcessReport', () => {
  it('tabulates time per request with the cost over node:http, then Flagon over Fastify', async () => {
    const section = renderInProcessReport(await resultsFor());
    expect(section.startsWith(IN_PROCESS_START)).toBe(true);
    expect(section.endsWith(IN_PROCESS_END)).toBe(true);
    expect(section).toContain(
      '| Plaintext | 1,000 ns (1.00×) | 1,300 ns (1.30×) | 1,500 ns (1.50×) | 1,600 ns (1.60×) |',
    );
    expect(section).toContain('| Plaintext | 0.81× | 0.94× |');
    expect(section).toContain('1 round(s)');
  });

  it('rewrites only its own section of the document', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flagon-bench-'));
    try {
      const path = join(dir, 'benchmarks.md');
      const socketSection = `${REPORT_START}\nsocket numbers\n${REPORT_END}`;
      await writeFile(
        path,
        `# Benchmarks\n\nprose\n\n${socketSection}\n\n${IN_PROCESS_START}\nold\n${IN_PROCESS_END}\n\nmore prose\n`,
      );
      await writeInProcessReport(path, await resultsFor());
      const document = await readFile(path, 'utf8');
      expect(document).toContain(socketSection);
      expect(document).toContain('more prose');
      expect(document).not.toContain('\nold\n');
      expect(document).toContain('1,300 ns (1.30×)');
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('openChildCell', () => {
  it('measures a real contender in a process of its own, batch by batch', async () => {
    const cell = await openChildCell(byId('node-http'), plaintext, plan([byId('node-http')], 1));
    try {
      await cell.warmUp();
      const first = await cell.measure();
      const second = await cell.measure();
      expect(first.ns_per_request).toBeGreaterThan(0);
      expect(second.requests).toBe(first.requests);
    } finally {
      await cell.stop();
    }
  }, 30_000);

  it('rejects with the reason when the contender cannot be loaded', async () => {
    const broken: Contender = { ...byId('node-http'), file: join(tmpdir(), 'no-such-contender.ts') };
    await expect(openChildCell(broken, plaintext, plan([broken], 1))).rejects.toThrow(
      /exited with 1: .*no-such-contender/s,
    );
  }, 30_000);
});
