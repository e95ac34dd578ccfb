// flagon-gateway as a child process: serving the example app, signals, exit codes and errors.
import type { IncomingMessage } from 'node:http';
import { get, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, eventually, fetchOutcome, MiB, rawExchange } from '../node/helpers.js';
import type { CliRun } from './cli-process.js';
import { runCli, serveCli, stop } from './cli-process.js';

const EXAMPLE = 'examples/hello-gateway/app.ts';
const FIXTURES = 'packages/gateway/test/server/fixtures';

const runs: CliRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) stop(run);
});
async function serving(extra: string[] = [], env: Record<string, string> = {}, app = EXAMPLE) {
  const run = await serveCli(app, extra, env);
  runs.push(run);
  return run;
}

/** Streams `total` bytes (one reused buffer, with backpressure) as a POST body. */
function postStream(url: string, total: number): Promise<string> {
  const piece = Buffer.alloc(256 * 1024, 1);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-length': String(total) } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (text: string) => {
        body += text;
      });
      res.on('end', () => resolve(body));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('flagon-gateway serve', () => {
  it('serves the example app on the port it prints, with an access log on stdout', async () => {
    const run = await serving();
    expect(run.stderr()).toMatch(/Listening on http:\/\/127\.0\.0\.1:\d+\n/);
    const outcome = await fetchOutcome(`${run.url}/`);
    expect(outcome).toMatchObject({ status: 200, body: 'Hello, World!' });
    expect(outcome.headers['content-type']).toBe('text/plain; charset=utf-8');
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stdout()).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 13\n$/);
  });

  it('counts a 50 MiB upload chunk by chunk', async () => {
    const run = await serving();
    expect(await postStream(`${run.url}/length`, 50 * MiB)).toBe('52428800');
  }, 60_000);

  it('takes the port from $PORT, the body limit from --max-body-size, and --no-access-log', async () => {
    const run = await serving(['--max-body-size', '1kb', '--no-access-log'], { PORT: '0' });
    const { text } = await rawExchange(
      run.port,
      'POST /length HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n',
      (received) => received.includes('\r\n\r\n'),
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect((await fetchOutcome(`${run.url}/`)).status).toBe(200);
    run.child.kill('SIGTERM');
    await run.exited;
    expect(run.stdout()).toBe('');
  });
});

describe('flagon-gateway: SIGTERM', () => {
  it('lets a request in flight finish with 200, then exits 0', async () => {
    const run = await serving();
    const arrived = deferred();
    const response = fetchOutcome(`${run.url}/sleep?ms=2000`, { onArrival: arrived.resolve });
    await arrived.promise;
    run.child.kill('SIGTERM');
    expect(await response).toMatchObject({ status: 200, body: 'Slept 2000 ms', complete: true });
    expect(await run.exited).toEqual({ code: 0, signal: null });
  });

  it('ends an open event stream with "event: bye" and exits 0 well inside the graceful timeout', async () => {
    const run = await serving(['--graceful-timeout', '30']);
    const stream = await new Promise<IncomingMessage>((resolve, reject) => {
      get(`${run.url}/events?interval=100`, resolve).on('error', reject);
    });
    let text = '';
    stream.setEncoding('utf8');
    const firstEvent = new Promise<void>((resolve) =>
      stream.on('data', (chunk: string) => {
        text += chunk;
        resolve();
      }),
    );
    const ended = new Promise<boolean>((resolve) => {
      stream.on('end', () => resolve(true));
      stream.on('aborted', () => resolve(false));
    });
    await firstEvent;
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    expect(await ended).toBe(true);
    expect(text).toMatch(/data: tick 1\n\n/);
    expect(text.endsWith('event: bye\ndata: server shutting down\n\n')).toBe(true);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(15_000);
    expect(run.stderr()).toMatch(/\/events stream closed after \d+ events/);
  });

  it('cuts a request that outlives --graceful-timeout, then exits 0', async () => {
    const run = await serving(['--graceful-timeout', '0.5']);
    const arrived = deferred();
    const response = fetchOutcome(`${run.url}/sleep?ms=60000`, { onArrival: arrived.resolve }).catch(
      () => 'cut',
    );
    await arrived.promise;
    run.child.kill('SIGTERM');
    expect(await response).toBe('cut');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.stderr()).toContain('Graceful timeout after 500 ms: cut 1 request(s)');
  });

  it('waits for a waitUntil task that runs after the response', async () => {
    const run = await serving();
    const response = await fetchOutcome(`${run.url}/audit?delay=1500`, { method: 'POST', body: 'signed up' });
    expect(response).toMatchObject({ status: 202, body: 'Accepted' });
    expect(run.stderr()).not.toContain('audit:');
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const log = run.stderr();
    expect(log).toContain('[hello-gateway] audit: "signed up"');
    expect(log.indexOf('audit:')).toBeLessThan(log.indexOf('INFO Stopped'));
  });

  it('exits 1 at once on a second signal', async () => {
    const run = await serving();
    const arrived = deferred();
    const response = fetchOutcome(`${run.url}/sleep?ms=60000`, { onArrival: arrived.resolve }).catch(
      () => 'cut',
    );
    await arrived.promise;
    run.child.kill('SIGTERM');
    await eventually(() => run.stderr().includes('SIGTERM: shutting down gracefully'));
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(await response).toBe('cut');
    expect(run.stderr()).toContain('SIGINT again: exiting now');
  });
});

describe('flagon-gateway: failures and exit codes', () => {
  it('exits 1 with the app message when the lifespan startup fails', async () => {
    const run = runCli(['serve', `${FIXTURES}/failing-startup.ts`, '--port', '0']);
    runs.push(run);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain('Lifespan startup failed: the database at db:5432 refused the connection');
    expect(run.stderr()).not.toContain('Listening on');
  });

  it('exits 1 after SIGTERM when the lifespan shutdown fails', async () => {
    const run = await serving([], {}, `${FIXTURES}/failing-shutdown.ts`);
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain('could not flush the write-ahead log');
  });

  it.each([
    ['nowhere/app.ts', 'cannot find the app module "nowhere/app.ts"'],
    [`${EXAMPLE}:missing`, 'has no export "missing" (its exports: default)'],
    [`${FIXTURES}/not-an-app.ts`, 'export "default" of'],
    [`${FIXTURES}/not-an-app.ts:settings`, 'is not a function (it is an object)'],
    [
      `${FIXTURES}/workers-app.ts:createApp`,
      'so it looks like a factory that makes the app rather than the app',
    ],
  ])('exits 1 with a clear message for %s', async (spec, message) => {
    const run = runCli(['serve', spec, '--port', '0']);
    runs.push(run);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toContain(message);
  });

  it.each([['info'], ['error']])(
    'prints what the module threw with its stack and file:line at --log-level %s',
    async (level) => {
      const run = runCli(['serve', `${FIXTURES}/failing-import.ts`, '--port', '0', '--log-level', level]);
      runs.push(run);
      expect(await run.exited).toEqual({ code: 1, signal: null });
      const stderr = run.stderr();
      expect(stderr).toMatch(
        /ERROR cannot load the app module \S*failing-import\.ts: config\.json is missing\n/,
      );
      // The stack of the module's own throw, pointing at its line (tsx maps it back to the .ts source).
      expect(stderr).toMatch(/\n {4}at .*fixtures\/failing-import\.ts:2:7\)?\n/);
    },
  );

  it('prints the Listening line even at --log-level warn, where info lines are not', async () => {
    const run = await serving(['--log-level', 'warn']);
    expect(run.stderr()).toBe(`Listening on ${run.url}\n`);
  });

  it('exits 1 when the port is taken', async () => {
    const first = await serving();
    const second = runCli(['serve', EXAMPLE, '--port', String(first.port)]);
    runs.push(second);
    expect(await second.exited).toEqual({ code: 1, signal: null });
    expect(second.stderr()).toContain('ERROR Cannot start the server: listen EADDRINUSE');
  });

  it('serves a named export of a JavaScript module', async () => {
    const run = await serving([], {}, `${FIXTURES}/named.js:api`);
    expect((await fetchOutcome(run.url)).body).toBe('named js app');
  });

  it('exits 2 on a wrong command line, pointing at --help', async () => {
    for (const args of [
      ['serve', EXAMPLE, '--bogus'],
      ['serve'],
      ['start', EXAMPLE],
      ['serve', EXAMPLE, '--port', 'x'],
    ]) {
      const run = runCli(args);
      runs.push(run);
      expect(await run.exited, args.join(' ')).toEqual({ code: 2, signal: null });
      expect(run.stderr()).toContain('Run "flagon-gateway --help" for usage.');
    }
  });

  it('documents options and exit codes in --help, and prints --version', async () => {
    const help = runCli(['--help']);
    const version = runCli(['--version']);
    runs.push(help, version);
    expect(await help.exited).toEqual({ code: 0, signal: null });
    expect(help.stdout()).toContain('Usage: flagon-gateway serve <module>[:<export>] [options]');
    expect(help.stdout()).toMatch(/Exit codes:\n {2}0 {2}.+\n {2}1 {2}.+/);
    for (const flag of [
      '--host',
      '--port',
      '--log-level',
      '--graceful-timeout',
      '--max-body-size',
      '--write-timeout',
      '--header-timeout',
      '--request-timeout',
      '--body-timeout',
      '--keep-alive-timeout',
      '--response-timeout',
      '--max-connections',
      '--max-header-count',
      '--max-header-size',
      '--no-access-log',
      '--bind',
      '--unix-socket-mode',
      '--root-path',
      '--proxy-headers',
      '--forwarded-allow-ips',
      '--workers',
      '--timeout',
      '--max-requests',
      '--max-requests-jitter',
    ]) {
      expect(help.stdout()).toContain(flag);
    }
    expect(await version.exited).toEqual({ code: 0, signal: null });
    expect(version.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
