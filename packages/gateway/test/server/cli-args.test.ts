// How flagon-gateway reads its command line (the process-level behaviour is in cli.test.ts).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCli, parseSize, UsageError } from '../../src/server/cli-args.js';

describe('parseCli', () => {
  it('turns flags into serve options: seconds become milliseconds, sizes bytes', () => {
    const command = parseCli(
      [
        'serve',
        'app.ts:api',
        '--host',
        '0.0.0.0',
        '--port',
        '9000',
        '--log-level',
        'debug',
        '--graceful-timeout',
        '2.5',
        '--max-body-size',
        '10mb',
        '--write-timeout',
        '7',
        '--no-access-log',
      ],
      {},
    );
    expect(command).toEqual({
      kind: 'serve',
      appSpec: 'app.ts:api',
      logLevel: 'debug',
      options: {
        host: '0.0.0.0',
        port: 9000,
        gracefulTimeout: 2500,
        writeTimeout: 7000,
        maxBodySize: 10 * 1024 * 1024,
        accessLog: false,
      },
      workers: null,
      reload: null,
    });
  });

  it('reads --bind (repeatable) and --unix-socket-mode, which replace --host and --port', () => {
    const command = parseCli(
      ['serve', 'app.ts', '--bind', '0.0.0.0:80', '--bind', 'unix:/run/a.sock', '--unix-socket-mode', '0660'],
      { PORT: '9000' },
    );
    expect(command).toMatchObject({
      options: {
        bind: [{ host: '0.0.0.0', port: 80 }, { path: '/run/a.sock' }],
        unixSocketMode: 0o660,
        port: undefined,
      },
    });
    expect(() => parseCli(['serve', 'app.ts', '--bind', ':80'], {})).toThrow(UsageError);
    expect(() => parseCli(['serve', 'app.ts', '--bind', 'a:1', '--port', '2'], {})).toThrow(
      new UsageError('--bind replaces --host and --port: give one or the other'),
    );
    expect(() => parseCli(['serve', 'app.ts', '--unix-socket-mode', '999'], {})).toThrow(
      new UsageError('--unix-socket-mode must be octal, like 660, got "999"'),
    );
  });

  it('reads --root-path, --proxy-headers and --forwarded-allow-ips (or $FORWARDED_ALLOW_IPS)', () => {
    expect(
      parseCli(
        ['serve', 'app.ts', '--root-path', '/api', '--proxy-headers', '--forwarded-allow-ips', '10.0.0.0/8'],
        {},
      ),
    ).toMatchObject({ options: { rootPath: '/api', proxyHeaders: true, forwardedAllowIps: '10.0.0.0/8' } });
    expect(parseCli(['serve', 'app.ts', '--proxy-headers'], { FORWARDED_ALLOW_IPS: '*' })).toMatchObject({
      options: { proxyHeaders: true, forwardedAllowIps: '*' },
    });
    expect(() => parseCli(['serve', 'app.ts', '--forwarded-allow-ips', 'proxy.local'], {})).toThrow(
      new UsageError('--forwarded-allow-ips: "proxy.local" is not an IP address, a CIDR range or *'),
    );
    expect(() => parseCli(['serve', 'app.ts', '--root-path', 'api/'], {})).toThrow(UsageError);
  });

  it('reads the worker flags, and refuses the supervisor-only ones without --workers', () => {
    const command = parseCli(
      [
        'serve',
        'app.ts',
        '--workers',
        '3',
        '--timeout',
        '10',
        '--max-requests',
        '1000',
        '--max-requests-jitter',
        '50',
      ],
      {},
    );
    expect(command).toMatchObject({
      workers: {
        count: 3,
        timeout: 10_000,
        maxRequests: 1000,
        maxRequestsJitter: 50,
        gracefulTimeout: 30_000,
      },
    });
    expect(parseCli(['serve', 'app.ts', '--workers', '2'], {})).toMatchObject({
      workers: { count: 2, timeout: 30_000, maxRequests: 0, maxRequestsJitter: 0 },
    });
    expect(() => parseCli(['serve', 'app.ts', '--max-requests', '10'], {})).toThrow(
      new UsageError('--max-requests needs --workers (a supervisor to replace workers)'),
    );
    expect(() => parseCli(['serve', 'app.ts', '--workers', '0'], {})).toThrow(
      new UsageError('--workers must be at least 1, got "0"'),
    );
  });

  it('reads the timeouts and limits: seconds become milliseconds, sizes bytes, counts as given', () => {
    const command = parseCli(
      [
        'serve',
        'app.ts',
        '--header-timeout',
        '10',
        '--request-timeout',
        '120',
        '--body-timeout',
        '0.5',
        '--keep-alive-timeout',
        '2',
        '--response-timeout',
        '30',
        '--max-connections',
        '500',
        '--max-header-count',
        '50',
        '--max-header-size',
        '8kb',
      ],
      {},
    );
    expect(command).toMatchObject({
      options: {
        headersTimeout: 10_000,
        requestTimeout: 120_000,
        bodyTimeout: 500,
        keepAliveTimeout: 2_000,
        responseTimeout: 30_000,
        maxConnections: 500,
        maxHeaderCount: 50,
        maxHeaderSize: 8192,
      },
    });
  });

  it('takes the port from PORT unless --port is given, and leaves the rest to the defaults', () => {
    expect(parseCli(['serve', 'app.ts'], { PORT: '3000' })).toMatchObject({
      logLevel: 'info',
      options: { port: 3000, host: undefined, maxBodySize: undefined, accessLog: true },
    });
    expect(parseCli(['serve', 'app.ts', '--port', '0'], { PORT: '3000' })).toMatchObject({
      options: { port: 0 },
    });
    expect(() => parseCli(['serve', 'app.ts'], { PORT: 'http' })).toThrow(
      'PORT must be a port number, got "http"',
    );
  });

  it('answers --help and --version before anything else', () => {
    expect(parseCli(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCli(['serve', '-v'], {})).toEqual({ kind: 'version' });
  });

  it.each([
    [[], 'missing the command'],
    [['run', 'app.ts'], 'unknown command "run"'],
    [['serve'], 'missing the app module'],
    [['serve', 'a.ts', 'b.ts'], 'unexpected argument "b.ts"'],
    [['serve', 'a.ts', '--port', '70000'], '--port must be a port number'],
    [['serve', 'a.ts', '--log-level', 'loud'], '--log-level must be one of debug, info, warn, error'],
    [['serve', 'a.ts', '--graceful-timeout', 'soon'], '--graceful-timeout must be a number of seconds'],
    [['serve', 'a.ts', '--max-body-size', '10 parsecs'], '--max-body-size must be bytes or a size like 10mb'],
    [['serve', 'a.ts', '--body-timeout', 'never'], '--body-timeout must be a number of seconds'],
    [['serve', 'a.ts', '--max-connections', '1.5'], '--max-connections must be a whole number'],
    [['serve', 'a.ts', '--max-header-size', 'big'], '--max-header-size must be bytes or a size like 10mb'],
    [['serve', 'a.ts', '--verbose'], /^unknown option --verbose$/],
    [['serve', 'a.ts', '-x'], /^unknown option -x$/],
    [['serve', 'a.ts', '--port'], /^option --port needs a value$/],
    [['serve', 'a.ts', '--help=yes'], /^option --help takes no value$/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCli(argv, {})).toThrow(UsageError);
    expect(() => parseCli(argv, {})).toThrow(message);
  });
});

describe('parseSize', () => {
  it('reads bytes and 1024-based units, case-insensitive', () => {
    expect(parseSize('512')).toBe(512);
    expect(parseSize('1kb')).toBe(1024);
    expect(parseSize('1.5MB')).toBe(1.5 * 1024 * 1024);
    expect(parseSize('1gb')).toBe(1024 ** 3);
    expect(parseSize('2 GiB')).toBe(2 * 1024 ** 3);
  });

  it('reads --reload and its watch flags: one worker, no heartbeat timeout, waiting for a fix', () => {
    const command = parseCli(
      [
        'serve',
        'examples/hello-gateway/app.ts:createApp()',
        '--reload',
        '--reload-dir',
        'packages',
        '--reload-include',
        '*.eta',
        '--reload-exclude',
        'dist',
      ],
      {},
    );
    expect(command).toMatchObject({
      workers: { count: 1, timeout: 0, maxRequests: 0, firstBootFailure: 'wait' },
      reload: {
        dirs: [resolve('examples/hello-gateway'), resolve('packages')],
        include: ['*.eta'],
        exclude: ['dist'],
      },
    });
    expect(parseCli(['serve', 'app.ts'], {})).toMatchObject({ workers: null, reload: null });
    const refused: Array<[string[], string]> = [
      [['--reload-include', '*.eta'], '--reload-include needs --reload'],
      [
        ['--reload', '--workers', '2'],
        '--reload runs one worker, restarted on changes: give --reload or --workers, not both',
      ],
      [['--reload', '--timeout', '5'], '--timeout needs --workers, and --reload runs one worker'],
      [['--reload', '--reload-dir', 'no/such/folder'], '--reload-dir no/such/folder: no such file or folder'],
    ];
    for (const [flags, message] of refused) {
      expect(() => parseCli(['serve', 'app.ts', ...flags], {})).toThrow(new UsageError(message));
    }
  });
});
