/**
 * Runs `tsc --noEmit --extendedDiagnostics` on a generated project, niced (it takes a whole core), and
 * reads the numbers it prints.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../../scripts/release/workspace.js';

const tsc = createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');

/** What one check cost. */
export interface CheckCost {
  /** tsc's "Check time", seconds. */
  readonly checkSeconds: number;
  /** tsc's "Total time", seconds (parse, bind and check). */
  readonly totalSeconds: number;
  readonly instantiations: number;
  /** tsc's "Memory used", MiB. */
  readonly memoryMiB: number;
  /** The type errors tsc reported (a generated app must have none). */
  readonly errors: string;
}

/**
 * The numbers in tsc's `--extendedDiagnostics` output.
 *
 * @example
 * ```ts
 * parseDiagnostics('Instantiations: 1200\nMemory used: 20480K\nCheck time: 1.50s\nTotal time: 2.00s');
 * // { checkSeconds: 1.5, totalSeconds: 2, instantiations: 1200, memoryMiB: 20, errors: '' }
 * ```
 */
export function parseDiagnostics(output: string): CheckCost {
  const number = (label: string): number => {
    const match = new RegExp(`^${label}:\\s+([\\d.]+)`, 'm').exec(output);
    if (match === null) throw new Error(`tsc printed no "${label}" line:\n${output.slice(0, 2000)}`);
    return Number(match[1]);
  };
  const errors = output
    .split('\n')
    .filter((line) => /error TS\d+/.test(line))
    .join('\n');
  return {
    checkSeconds: number('Check time'),
    totalSeconds: number('Total time'),
    instantiations: number('Instantiations'),
    memoryMiB: Math.round(number('Memory used') / 1024),
    errors,
  };
}

/**
 * Type-checks the project in `dir` once, under `nice`, and returns what it cost.
 *
 * @example
 * ```ts
 * const cost = measureCheck('/tmp/flagon-types-XXXX/flagon-300');
 * ```
 */
export function measureCheck(dir: string): CheckCost {
  let output: string;
  try {
    output = execFileSync(
      'nice',
      ['-n', '10', process.execPath, tsc, '-p', join(dir, 'tsconfig.json'), '--extendedDiagnostics'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    // tsc exits 2 on type errors and still prints its diagnostics.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  return parseDiagnostics(output);
}
