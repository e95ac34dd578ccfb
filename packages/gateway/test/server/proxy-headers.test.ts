// --proxy-headers: what a trusted proxy says about the client reaches the scope and the access log;
// what anyone else says is ignored. Unit cases first, then over a real socket with a raw client.
import { describe, expect, it } from 'vitest';
import type { HttpScope } from '../../src/index.js';
import { serve } from '../../src/server/index.js';
import { forwardedInfo } from '../../src/server/proxy-headers.js';
import { parseTrustedProxies } from '../../src/server/trusted-proxies.js';
import { asApp, captureLogger, rawExchange } from '../node/helpers.js';

const local = parseTrustedProxies('127.0.0.1,::1');

describe('parseTrustedProxies', () => {
  it('trusts addresses, CIDR ranges (IPv4-mapped peers too) and *, and refuses anything else', () => {
    const trusted = parseTrustedProxies(' 127.0.0.1 , 10.0.0.0/8, fd00::/8');
    expect(['127.0.0.1', '::ffff:127.0.0.1', '10.200.1.1', 'fd12::1'].map((a) => trusted.trusts(a))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['127.0.0.2', '11.0.0.1', '::1', 'fe80::1', 'unknown', null].map((a) => trusted.trusts(a)),
    ).toEqual([false, false, false, false, false, false]);
    expect(parseTrustedProxies('*').trusts('203.0.113.9')).toBe(true);
    expect(parseTrustedProxies('*').trusts(undefined)).toBe(true); // a unix socket's peer has no address
    for (const wrong of ['localhost', '10.0.0.0/33', '1.2.3.4/8/1', '::1/129']) {
      expect(() => parseTrustedProxies(wrong), wrong).toThrow(RangeError);
    }
  });
});

describe('forwardedInfo', () => {
  it('takes the right-most address that is not a trusted proxy as the client', () => {
    const through = parseTrustedProxies('127.0.0.1,10.0.0.0/8');
    const info = forwardedInfo(
      [
        ['x-forwarded-for', '6.6.6.6, 203.0.113.9'], // the client may have sent 6.6.6.6 itself
        ['x-forwarded-for', '10.0.0.2'], // a second field: joined in order
        ['x-forwarded-proto', 'http, https'],
        ['x-forwarded-host', 'shop.example:8443'],
        ['x-forwarded-prefix', '/api/'],
      ],
      '127.0.0.1',
      through,
    );
    expect(info).toEqual({
      client: { host: '203.0.113.9', port: null },
      scheme: 'https',
      host: 'shop.example:8443',
      prefix: '/api',
    });
    expect(forwardedInfo([['x-forwarded-for', '10.0.0.3, 10.0.0.2']], '127.0.0.1', through)?.client).toEqual({
      host: '10.0.0.3',
      port: null,
    });
  });

  it('reads RFC 7239 Forwarded, quoted IPv6 nodes with ports and "unknown" included', () => {
    expect(
      forwardedInfo(
        [['forwarded', 'for="[2001:db8:cafe::17]:4711";proto=https;host=example.com, for=127.0.0.1']],
        '::1',
        local,
      ),
    ).toEqual({
      client: { host: '2001:db8:cafe::17', port: null },
      host: undefined,
      scheme: undefined,
      ...{},
    });
    expect(forwardedInfo([['forwarded', 'for=unknown;proto=https;host=example.com']], '::1', local)).toEqual({
      client: null,
      scheme: 'https',
      host: 'example.com',
    });
  });

  it('ignores the headers of a peer that is not trusted, and values that are not a scheme or a host', () => {
    expect(forwardedInfo([['x-forwarded-for', '203.0.113.9']], '192.0.2.1', local)).toBeNull();
    expect(
      forwardedInfo(
        [
          ['x-forwarded-proto', 'javascript'],
          ['x-forwarded-host', 'evil.example/path'],
          ['x-forwarded-prefix', 'no-slash'],
        ],
        '127.0.0.1',
        local,
      ),
    ).toEqual({});
  });
});

/** Answers with what the scope says about where the request came from. */
const describeOrigin = asApp(async (scope: HttpScope, _receive, send) => {
  const host = scope.headers.find(([name]) => name === 'host')?.[1];
  const body = JSON.stringify({
    client: scope.client?.host ?? null,
    scheme: scope.scheme,
    server: scope.server,
    rootPath: scope.rootPath,
    path: scope.path,
    host,
  });
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'application/json']] });
  await send({ type: 'http.response.body', body });
});

const PROXIED =
  'GET /api/items HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\n' +
  'X-Forwarded-Host: shop.example\r\nX-Forwarded-Prefix: /api\r\nConnection: close\r\n\r\n';

async function origin(options: { forwardedAllowIps?: string; proxyHeaders?: boolean }) {
  const lines: string[] = [];
  const server = await serve(describeOrigin, {
    port: 0,
    logger: captureLogger(),
    accessLog: (line) => lines.push(line),
    ...options,
  });
  try {
    const { text } = await rawExchange(server.address.port!, PROXIED);
    return { seen: JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>, lines };
  } finally {
    await server.drain();
  }
}

describe('serve({ proxyHeaders }) over a real socket', () => {
  it('believes a trusted proxy (127.0.0.1 by default): client, scheme, host, prefix and the access log', async () => {
    const { seen, lines } = await origin({ proxyHeaders: true });
    expect(seen).toEqual({
      client: '203.0.113.9',
      scheme: 'https',
      server: { host: 'shop.example', port: 443 },
      rootPath: '/api',
      path: '/items',
      host: 'shop.example',
    });
    expect(lines).toEqual([
      expect.stringMatching(/^203\.0\.113\.9 - - \[.+\] "GET \/api\/items HTTP\/1\.1" 200 \d+$/),
    ]);
  });

  it('ignores the same headers from a peer it does not trust, and when proxy headers are off', async () => {
    const untrusted = {
      client: '127.0.0.1',
      scheme: 'http',
      server: { host: '127.0.0.1', port: expect.any(Number) },
      rootPath: '',
      path: '/api/items',
      host: '127.0.0.1',
    };
    const { seen, lines } = await origin({ proxyHeaders: true, forwardedAllowIps: '10.0.0.1' });
    expect(seen).toEqual(untrusted);
    expect(lines[0]).toMatch(/^127\.0\.0\.1 - - /);
    expect((await origin({})).seen).toEqual(untrusted);
  });
});
