// The worker tests' shared steps: start the CLI with a supervisor, and find out which workers answer.
import { expect } from 'vitest';
import { eventually, fetchOutcome } from '../node/helpers.js';
import type { CliRun, ServingCli } from './cli-process.js';
import { serveCli, stop } from './cli-process.js';

export const APP = 'packages/gateway/test/server/fixtures/workers-app.ts';
export const FIXTURES = 'packages/gateway/test/server/fixtures';

const runs: CliRun[] = [];

/** Remembers a CLI run for {@link stopRuns} (call it in `afterEach`). */
export function track<T extends CliRun>(run: T): T {
  runs.push(run);
  return run;
}

/** Kills every CLI process a test left running. */
export function stopRuns(): void {
  for (const run of runs.splice(0)) stop(run);
}

/** Starts the CLI with workers and waits until the supervisor says all of them are ready. */
export async function supervised(
  extra: string[],
  env: Record<string, string> = {},
  app = APP,
): Promise<ServingCli> {
  const run = track(await serveCli(app, ['--no-access-log', ...extra], env));
  await eventually(() => run.stderr().includes('Supervising'), 20_000);
  return run;
}

/** The pid of the worker that answers `GET /` of the workers app. */
export async function pidOf(url: string): Promise<number> {
  const { status, body } = await fetchOutcome(`${url}/`);
  expect(status).toBe(200);
  return Number(/^pid (\d+)/.exec(body)![1]);
}

/**
 * Asks on new connections until `count` different workers answered (the kernel hands each connection
 * to one of the workers accepting, not necessarily in turn), up to 2,000 requests.
 */
export async function answeringPids(url: string, count: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < 2_000 && pids.size < count; i++) pids.add(await pidOf(url));
  expect(pids.size).toBe(count);
  return pids;
}
