// The access log's format (gunicorn's atoms): every atom over a real socket, the real client behind
// trusted proxy headers, escaping of what the client sent, and the errors of a wrong format.
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpScope } from '../../src/index.js';
import { parseCli, UsageError } from '../../src/server/cli-args.js';
import type { ServeOptions } from '../../src/server/index.js';
import { DEFAULT_ACCESS_LOG_FORMAT, serve } from '../../src/server/index.js';
import { asApp, captureLogger, eventually, rawExchange } from '../node/helpers.js';
import type { CliRun } from './cli-process.js';
import { serveCli, stop } from './cli-process.js';

const runs: CliRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) stop(run);
});

const hello = asApp(async (scope: HttpScope, _receive, send) => {
  const status = scope.path === '/missing' ? 404 : 200;
  await send({ type: 'http.response.start', status, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: status === 200 ? 'hello' : '' });
});

/** Serves `hello` with `options`, sends `raw` from 127.0.0.1, and returns the access log's lines. */
async function logOf(raw: string, options: ServeOptions): Promise<string[]> {
  const lines: string[] = [];
  const server = await serve(hello, {
    port: 0,
    logger: captureLogger(),
    accessLog: (line) => lines.push(line),
    ...options,
  });
  try {
    await rawExchange(server.address.port!, raw);
    await eventually(() => lines.length > 0);
  } finally {
    await server.drain();
  }
  return lines;
}

const EVERY_ATOM = [
  'h=%(h)s l=%(l)s u=%(u)s t=%(t)s r="%(r)s" m=%(m)s U=%(U)s q=%(q)s H=%(H)s s=%(s)s B=%(B)s b=%(b)s',
  'f="%(f)s" a="%(a)s" T=%(T)s M=%(M)s D=%(D)s L=%(L)s p=%(p)s id=%({X-Request-Id}i)s none=%({x-none}i)s 100%%',
].join(' ');

describe('the access log format', () => {
  it('fills in every atom, and escapes what the client sent', async () => {
    const request =
      'GET /items?page=2 HTTP/1.1\r\nHost: x\r\nReferer: https://shop.example/\r\n' +
      'User-Agent: curl "8"\\1\tx\r\nX-Request-Id: abc-123\r\nConnection: close\r\n\r\n';
    const [line] = await logOf(request, { accessLogFormat: EVERY_ATOM });
    const date = String.raw`\[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\]`;
    expect(line).toMatch(
      new RegExp(
        `^h=127\\.0\\.0\\.1 l=- u=- t=${date} r="GET /items\\?page=2 HTTP/1\\.1" m=GET U=/items q=page=2 ` +
          'H=HTTP/1\\.1 s=200 B=5 b=5 f="https://shop\\.example/" a="curl \\\\"8\\\\"\\\\\\\\1\\\\tx" ' +
          `T=\\d+ M=\\d+ D=\\d+ L=\\d+\\.\\d{6} p=<${process.pid}> id=abc-123 none=- 100%$`,
      ),
    );
    // One duration, in four units.
    const [, T, M, D, L] = /T=(\d+) M=(\d+) D=(\d+) L=([\d.]+)/.exec(line!)!.map(Number);
    expect(M).toBe(Math.floor(D! / 1000));
    expect(T).toBe(Math.floor(D! / 1_000_000));
    expect(L).toBeCloseTo(D! / 1_000_000, 6);
  });

  it('logs - for what a request or its response lacks', async () => {
    const [line] = await logOf('HEAD /missing HTTP/1.0\r\n\r\n', {
      accessLogFormat: '%(q)s %(s)s %(B)s %(b)s "%(f)s" "%(a)s"',
    });
    expect(line).toBe('- 404 0 - "-" "-"');
  });

  it('keeps the common log format by default', async () => {
    expect(DEFAULT_ACCESS_LOG_FORMAT).toBe('%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s');
    const [line] = await logOf('GET /?a=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', {});
    expect(line).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/\?a=1 HTTP\/1\.1" 200 5$/);
  });

  it('shows the real client behind a trusted proxy, and the peer when the proxy is not trusted', async () => {
    const proxied = 'GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\nConnection: close\r\n\r\n';
    const format = '%(h)s "%(r)s" %(s)s';
    expect(await logOf(proxied, { proxyHeaders: true, accessLogFormat: format })).toEqual([
      '203.0.113.9 "GET / HTTP/1.1" 200',
    ]);
    expect(
      await logOf(proxied, { proxyHeaders: true, forwardedAllowIps: '10.0.0.1', accessLogFormat: format }),
    ).toEqual(['127.0.0.1 "GET / HTTP/1.1" 200']);
  });

  it('refuses an unknown atom or a stray % at startup, saying which', async () => {
    await expect(serve(hello, { port: 0, accessLogFormat: '%(h)s %(x)s' })).rejects.toThrow(
      /^serve: accessLogFormat: unknown atom %\(x\)s; the known ones are h, l, u, t, r/,
    );
    await expect(serve(hello, { port: 0, accessLogFormat: '100% %(h)s' })).rejects.toThrow(
      'serve: accessLogFormat: the % at character 4 starts no atom: write atoms as %(h)s, and a percent sign as %%',
    );
    await expect(serve(hello, { port: 0, accessLogFormat: '%({x}e)s' })).rejects.toThrow(/unknown atom/);
    const cli = () => parseCli(['serve', 'app.ts', '--access-log-format', '%(h)s %(zz)s'], {});
    expect(cli).toThrow(UsageError);
    expect(cli).toThrow(/^--access-log-format: unknown atom %\(zz\)s; /);
  });
});

describe('flagon-gateway --access-log-format', () => {
  it('writes its lines on stdout, with the client a trusted proxy names', async () => {
    const run = await serveCli('examples/hello-gateway/app.ts', [
      '--proxy-headers',
      '--access-log-format',
      '%(h)s "%(r)s" %(s)s %(b)s "%({x-request-id}i)s"',
    ]);
    runs.push(run);
    await rawExchange(
      run.port,
      'GET / HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 198.51.100.7\r\nX-Request-Id: r-1\r\nConnection: close\r\n\r\n',
    );
    await eventually(() => run.stdout().includes('\n'));
    expect(run.stdout()).toBe('198.51.100.7 "GET / HTTP/1.1" 200 13 "r-1"\n');
  });
});
