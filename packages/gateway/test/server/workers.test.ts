// flagon-gateway serve --workers: a supervisor and its worker processes, on real sockets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eventually, fetchOutcome } from '../node/helpers.js';
import { runCli } from './cli-process.js';
import { steadyLoad } from './load-loop.js';
import { APP, answeringPids, FIXTURES, pidOf, stopRuns, supervised, track } from './workers-cli.js';

afterEach(stopRuns);

/** Opens an event stream; `text()` is what arrived so far, `ended` resolves with all of it at the end. */
async function openStream(url: string): Promise<{ pid: number; ended: Promise<string> }> {
  const res = await new Promise<IncomingMessage>((resolve, reject) =>
    get(`${url}/events`, resolve).on('error', reject),
  );
  let text = '';
  res.setEncoding('utf8');
  const first = new Promise<void>((resolve) =>
    res.on('data', (chunk: string) => {
      text += chunk;
      resolve();
    }),
  );
  const ended = new Promise<string>((resolve) => {
    res.on('end', () => resolve(text));
    res.on('aborted', () => resolve(`${text}[cut]`));
  });
  await first;
  return { pid: Number(/pid (\d+)/.exec(text)![1]), ended };
}

describe('flagon-gateway serve --workers', () => {
  it('serves from N workers, replaces one that dies, and drains all of them on SIGTERM', async () => {
    // A factory app: each worker calls it once.
    const run = await supervised(['--workers', '2'], {}, `${APP}:createApp()`);
    const first = await answeringPids(run.url, 2);
    expect((await fetchOutcome(run.url)).body).toMatch(/^pid \d+ \(factory calls: 1\)$/);

    // A worker killed outright is replaced; requests keep being answered meanwhile.
    const [victim] = first;
    process.kill(victim!, 'SIGKILL');
    await eventually(() =>
      new RegExp(`Worker ${victim} was killed by SIGKILL after [\\d.]+ s: starting a new one\\n`).test(
        run.stderr(),
      ),
    );
    await eventually(() => (run.stderr().match(/Worker \d+ ready/g) ?? []).length === 3, 10_000);
    const second = await answeringPids(run.url, 2);
    expect(second.has(victim!)).toBe(false);

    // An uncaught exception: the worker drains, exits 1, and is replaced.
    const crashed = Number(/pid (\d+)/.exec((await fetchOutcome(`${run.url}/crash`)).body)![1]);
    await eventually(() => run.stderr().includes(`Worker ${crashed} exited with code 1`), 10_000);
    await eventually(() => (run.stderr().match(/Worker \d+ ready/g) ?? []).length === 4, 10_000);

    // Streams open in both workers get the drain notice, and the supervisor exits 0.
    const streams = [];
    while (new Set(streams.map((s) => s.pid)).size < 2 && streams.length < 200)
      streams.push(await openStream(run.url));
    expect(new Set(streams.map((s) => s.pid)).size).toBe(2);
    run.child.kill('SIGTERM');
    for (const stream of streams) expect(await stream.ended).toMatch(/event: bye\n\n$/);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toContain('SIGTERM: draining 2 worker(s)');
  }, 60_000);

  it('stops with the app message and exit 1 when the lifespan startup fails, instead of looping', async () => {
    const run = track(runCli(['serve', `${FIXTURES}/failing-startup.ts`, '--port', '0', '--workers', '2']));
    expect(await run.exited).toEqual({ code: 1, signal: null });
    const log = run.stderr();
    expect(log).toContain('Lifespan startup failed: the database at db:5432 refused the connection');
    expect(log).toContain('A worker failed to start (Lifespan startup failed: the database at db:5432');
    expect(log.match(/Lifespan startup failed: the database/g)!.length).toBeLessThanOrEqual(4);
    expect(log).not.toContain('Listening on');
  }, 30_000);

  it('backs off when workers keep dying soon after they start, saying why', async () => {
    const run = await supervised(['--workers', '1'], { FLAGON_TEST_CRASH_AFTER_MS: '300' });
    await eventually(() => run.stderr().includes('(3 quick exits in a row)'), 20_000);
    const log = run.stderr();
    expect(log).toMatch(/Worker \d+ exited with code 1 after [\d.]+ s: starting a new one\n/);
    expect(log).toMatch(
      /exited with code 1 after [\d.]+ s: starting a new one in 0\.25 s \(2 quick exits in a row\)/,
    );
    expect(log).toMatch(/starting a new one in 0\.5 s \(3 quick exits in a row\)/);
    expect(log).toContain('Uncaught exception in app code: draining, then exiting 1');
    run.child.kill('SIGTERM');
    expect((await run.exited).signal).toBe(null);
  }, 40_000);

  it('recycles a worker after --max-requests (plus jitter), and kills one blocked past --timeout', async () => {
    const run = await supervised([
      '--workers',
      '1',
      '--timeout',
      '1',
      '--max-requests',
      '5',
      '--max-requests-jitter',
      '2',
    ]);
    const pids: number[] = [];
    // The worker serves on until its replacement is ready: ask until the new one answers.
    while (new Set(pids).size < 2 && pids.length < 5_000) pids.push(await pidOf(run.url));
    const first = pids[0]!;
    expect(new Set(pids).size).toBe(2);
    const replaced = new RegExp(
      `Worker ${first} served (\\d+) requests \\(max-requests\\): replacing it`,
    ).exec(run.stderr());
    expect(Number(replaced![1])).toBeGreaterThanOrEqual(5);
    expect(Number(replaced![1])).toBeLessThanOrEqual(7);
    expect(pids.filter((pid) => pid === first).length).toBeGreaterThanOrEqual(Number(replaced![1]));

    // The new worker's event loop is blocked by a route: past --timeout it is killed and replaced.
    await eventually(() => run.stderr().includes(`[flagon ${first}] INFO Stopped`), 10_000); // only one accepts
    const blockedPid = pids.at(-1)!;
    const blocked = fetchOutcome(`${run.url}/block?ms=30000`).catch(() => 'cut');
    await eventually(
      () =>
        run
          .stderr()
          .includes(`Worker ${blockedPid} sent no heartbeat for 1 s (its event loop is blocked): killing it`),
      15_000,
    );
    expect(await blocked).toBe('cut');
    await eventually(() => run.stderr().includes(`Worker ${blockedPid} was killed by SIGKILL`));
    const after = await pidOf(run.url);
    expect([first, blockedPid]).not.toContain(after);
  }, 60_000);
});

describe('flagon-gateway serve --workers: SIGHUP', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flagon-reload-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const writeApp = (version: string) =>
    writeFileSync(
      join(dir, 'app.mjs'),
      `export default async (scope, receive, send) => {
  if (scope.type === 'lifespan') {
    await receive();
    await new Promise((resolve) => setTimeout(resolve, 200)); // a startup that takes a moment
    await send({ type: 'lifespan.startup.complete' });
    await receive();
    await send({ type: 'lifespan.shutdown.complete' });
    return;
  }
  if (scope.path === '/events') {
    await receive();
    await send({ type: 'http.response.start', status: 200 });
    await send({ type: 'http.response.body', body: 'data: ${version}\\n\\n', more: true });
    const event = await receive();
    if (event.type === 'http.drain') await send({ type: 'http.response.body', body: 'event: bye\\n\\n' });
    return;
  }
  await send({ type: 'http.response.start', status: 200 });
  await send({ type: 'http.response.body', body: '${version}' });
};
`,
    );

  it('replaces every worker with the new code, one by one, without failing one of 2,000+ requests', async () => {
    writeApp('one');
    const run = await supervised(['--workers', '2'], {}, join(dir, 'app.mjs'));
    const stream = await new Promise<IncomingMessage>((resolve) => get(`${run.url}/events`, resolve));
    let streamed = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => {
      streamed += chunk;
    });
    const streamEnded = new Promise<void>((resolve) => stream.on('end', resolve));

    let reloaded = false;
    let signalled = false;
    const load = steadyLoad(
      run.url,
      () => {
        if (!signalled) {
          signalled = true;
          writeApp('two');
          setTimeout(() => run.child.kill('SIGHUP'), 100);
        }
        reloaded ||= run.stderr().includes('Reload complete: 2 worker(s) replaced');
        return reloaded;
      },
      2_000,
    );
    const report = await load;
    expect(report.failures).toEqual([]);
    expect(report.ok).toBeGreaterThanOrEqual(2_000);
    expect(report.bodies.get('one')).toBeGreaterThan(0);
    expect(report.bodies.get('two')).toBeGreaterThan(0);
    expect(answeringBodies(await Promise.all([0, 1, 2, 3].map(() => fetchOutcome(run.url))))).toEqual([
      'two',
    ]);
    // The stream open on an old worker got its drain notice.
    await streamEnded;
    expect(streamed).toBe('data: one\n\nevent: bye\n\n');
    // A new worker was ready before each old one drained.
    const log = run.stderr();
    const order = [...log.matchAll(/Worker (\d+) ready|\[flagon (\d+)\] INFO SIGTERM/g)].map((m) =>
      m[1] ? 'ready' : 'drain',
    );
    expect(order).toEqual(['ready', 'ready', 'ready', 'drain', 'ready', 'drain']);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
  }, 60_000);
});

function answeringBodies(outcomes: { body: string }[]): string[] {
  return [...new Set(outcomes.map((o) => o.body))];
}
