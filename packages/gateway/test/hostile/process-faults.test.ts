// App code that fails outside any request (a timer's rejection or throw) against the real CLI process:
// a stray rejection is logged and serving goes on; an uncaught exception drains, then exits 1.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, fetchOutcome } from '../node/helpers.js';
import type { CliRun, ServingCli } from '../server/cli-process.js';
import { serveCli, stop } from '../server/cli-process.js';

const FIXTURE = 'packages/gateway/test/server/fixtures/faulty-timers.ts';

const runs: CliRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) stop(run);
});
async function serving(): Promise<ServingCli> {
  const run = await serveCli(FIXTURE, ['--no-access-log']);
  runs.push(run);
  return run;
}

/** GETs `url` and resolves once the head arrived, with the rest of the body and whether it completed. */
function startGet(url: string): Promise<{ rest: Promise<{ body: string; complete: boolean }> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (text: string) => {
        body += text;
      });
      const rest = new Promise<{ body: string; complete: boolean }>((done) => {
        res.on('end', () => done({ body, complete: true }));
        res.on('aborted', () => done({ body, complete: false }));
        res.on('error', () => done({ body, complete: false }));
      });
      resolve({ rest });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a stray promise rejection in app code', () => {
  it('is logged at ERROR with its stack, and the server goes on serving', async () => {
    const run = await serving();
    expect((await fetchOutcome(`${run.url}/stray-rejection`)).status).toBe(202);
    await eventually(() => run.stderr().includes('stray rejection from a timer'));
    expect(run.stderr()).toMatch(
      /\[flagon\] ERROR Unhandled promise rejection in app code \(the server goes on serving\)\nError: stray rejection from a timer\n\s+at /,
    );
    // The same process answers the next request, and a second rejection is logged the same way.
    expect(await fetchOutcome(`${run.url}/`)).toMatchObject({ status: 200, body: 'ok' });
    expect((await fetchOutcome(`${run.url}/stray-rejection`)).status).toBe(202);
    await eventually(() => run.stderr().split('stray rejection from a timer').length === 3);
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });
});

describe('an uncaught exception in app code', () => {
  it('lets the request in flight finish, runs the lifespan shutdown, and exits 1', async () => {
    const run = await serving();
    const held = await startGet(`${run.url}/hold`);
    expect((await fetchOutcome(`${run.url}/throw-in-timer`)).status).toBe(202);
    expect(await held.rest).toEqual({ body: 'held, then released', complete: true });
    expect(await run.exited).toEqual({ code: 1, signal: null });
    const log = run.stderr();
    expect(log).toMatch(
      /\[flagon\] ERROR Uncaught exception in app code: draining, then exiting 1\nError: thrown in a timer\n\s+at /,
    );
    expect(log).toContain('fixture: lifespan shutdown ran');
    expect(log.indexOf('thrown in a timer')).toBeLessThan(log.indexOf('fixture: lifespan shutdown ran'));
  });

  it('still exits 1 when a SIGTERM arrives during that drain', async () => {
    const run = await serving();
    const held = await startGet(`${run.url}/hold`);
    await fetchOutcome(`${run.url}/throw-in-timer`);
    await eventually(() => run.stderr().includes('thrown in a timer'));
    run.child.kill('SIGTERM');
    expect((await held.rest).complete).toBe(true);
    expect(await run.exited).toEqual({ code: 1, signal: null });
  });
});
