// What the server puts in the http scope, seen over real HTTP (spec §1 and §2).
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { Address, HttpScope } from '../../types.js';
import { requestHead } from '../client.js';
import type { ConformanceCheck } from '../types.js';
import { httpApp, protocolLifespan, readBody, respond } from './apps.js';

const scopeBasics: ConformanceCheck = {
  id: 'scope-basics',
  spec: '§1, §2',
  rule: 'the scope says type "http", gateway.version "1.0", the HTTP version, method and scheme, and rootPath ""',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      const { type, httpVersion, method, scheme, rootPath } = scope;
      mailbox.post('scope', { type, version: scope.gateway.version, httpVersion, method, scheme, rootPath });
      await respond(send, 204);
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const res = await client.request(url, { method: 'PATCH', path: '/scope', body: 'x' });
    assert.equal(res.status, 204);
    assert.deepEqual(await mailbox.next('scope'), {
      type: 'http',
      version: '1.0',
      httpVersion: '1.1',
      method: 'PATCH',
      scheme: new URL(url).protocol.slice(0, -1),
      rootPath: '',
    });
  },
};

const scopePath: ConformanceCheck = {
  id: 'scope-path',
  spec: '§2 [S-PATH-DECODED]',
  rule: 'path is the percent-decoded rawPath; rawPath and queryString are exactly as sent, without the ?',
  app: (mailbox) =>
    httpApp(async ({ path, rawPath, queryString }, receive, send) => {
      await readBody(receive);
      mailbox.post('target', { path, rawPath, queryString });
      await respond(send, 204);
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const expected: Array<[string, Pick<HttpScope, 'path' | 'rawPath' | 'queryString'>]> = [
      [
        '/caf%C3%A9/a%20b?q=%20x&y=1',
        { path: '/café/a b', rawPath: '/caf%C3%A9/a%20b', queryString: 'q=%20x&y=1' },
      ],
      ['/plain', { path: '/plain', rawPath: '/plain', queryString: '' }],
      ['/empty?', { path: '/empty', rawPath: '/empty', queryString: '' }],
    ];
    for (const [target, scope] of expected) {
      assert.equal((await client.request(url, { path: target })).status, 204);
      assert.deepEqual(await mailbox.next('target'), scope, `the scope for ${target}`);
    }
  },
};

const scopePathUndecodable: ConformanceCheck = {
  id: 'scope-path-undecodable',
  spec: '§2 [S-PATH-DECODED]',
  rule: 'a target that cannot be decoded (bad percent-encoding, invalid UTF-8) gets 400 without calling the app',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      mailbox.post('called', scope.rawPath);
      await readBody(receive);
      await respond(send, 200);
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    for (const target of ['/bad%ZZ', '/%C3%28']) {
      assert.equal((await client.request(url, { path: target })).status, 400, `the status for ${target}`);
    }
    assert.equal(mailbox.latest('called'), undefined, 'the app was called for an undecodable target');
  },
};

const scopeHeaders: ConformanceCheck = {
  id: 'scope-headers',
  spec: '§2 [S-HEADERS] [F-HEADERS-JOINED]',
  rule: 'header names are lowercased, values kept, and repeated headers appear as separate pairs in arrival order',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      mailbox.post(
        'headers',
        scope.headers.map(([name, value]) => [name, value]),
      );
      await respond(send, 204);
    }),
  async interact({ start, client, mailbox, fetchHost, limit }) {
    const { url } = await start();
    const headerLines = ['X-Dup: one', 'X-Mixed-Case: Value Kept', 'x-dup: two', 'Connection: close'];
    const res = await client.raw(url, requestHead('GET', '/headers', headerLines));
    assert.equal(res.status, 204);
    const headers = await mailbox.next<Array<[string, string]>>('headers');
    assert.deepEqual(
      headers.find(([name]) => name === 'host'),
      ['host', 'conformance.test'],
    );
    const custom = headers.filter(([name]) => name.startsWith('x-'));
    const asSent: Array<[string, string]> = [
      ['x-dup', 'one'],
      ['x-mixed-case', 'Value Kept'],
      ['x-dup', 'two'],
    ];
    if (fetchHost && !isDeepStrictEqual(custom, asSent)) {
      // Fetch's Headers joins repeated fields with ", " and sorts the names: names and values must survive.
      assert.deepEqual(
        [...custom].sort(([a], [b]) => a.localeCompare(b)),
        [
          ['x-dup', 'one, two'],
          ['x-mixed-case', 'Value Kept'],
        ],
      );
      limit('repeated headers arrive joined with ", " and in sorted order (Fetch\'s Headers merges them)');
    }
    assert.deepEqual(custom, asSent);
  },
};

const scopeHttpVersion: ConformanceCheck = {
  id: 'scope-http-version',
  spec: '§2 [F-HTTP-VERSION]',
  rule: 'httpVersion is the version of the request: "1.0" for an HTTP/1.0 request',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      mailbox.post('version', scope.httpVersion);
      await respond(send, 200, 'ok');
    }),
  async interact({ start, client, mailbox, fetchHost, limit }) {
    const { url } = await start();
    const res = await client.raw(url, 'GET /old HTTP/1.0\r\nHost: conformance.test\r\n\r\n');
    assert.equal(res.status, 200);
    const version = await mailbox.next('version');
    if (fetchHost && version === '1.1')
      limit('the host does not tell the HTTP version, so it is reported as "1.1"');
    assert.equal(version, '1.0');
  },
};

const scopeAddresses: ConformanceCheck = {
  id: 'scope-addresses',
  spec: '§2',
  rule: 'client is the peer address and server the address the request arrived on',
  app: (mailbox) =>
    httpApp(async ({ client, server }, receive, send) => {
      await readBody(receive);
      mailbox.post('addresses', { client, server });
      await respond(send, 204);
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const { socket, write } = await client.connection(url);
    write(requestHead('GET', '/addresses', ['Connection: close']));
    const seen = await mailbox.next<Pick<HttpScope, 'client' | 'server'>>('addresses');
    assert.deepEqual(
      { client: unmapped(seen.client), server: unmapped(seen.server) },
      {
        client: unmapped({ host: socket.localAddress ?? '', port: socket.localPort ?? null }),
        server: unmapped({ host: socket.remoteAddress ?? '', port: socket.remotePort ?? null }),
      },
    );
  },
};

const scopeStateCopy: ConformanceCheck = {
  id: 'scope-state-copy',
  spec: '§2 [S-STATE-COPY]',
  rule: "state is a new shallow copy of the lifespan state per request: one request's writes are not seen by the next",
  app: (mailbox) => {
    let previous: Record<string, unknown> | undefined;
    return httpApp(
      async (scope, receive, send) => {
        await readBody(receive);
        const { state } = scope;
        mailbox.post('state', {
          keys: Object.keys(state).sort(),
          same: state === previous,
          value: state.fromStartup,
        });
        previous = state;
        state.writtenBy = scope.path;
        await respond(send, 204);
      },
      protocolLifespan(mailbox, (state) => {
        state.fromStartup = 'startup-value';
      }),
    );
  },
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    await client.request(url, { path: '/first' });
    await client.request(url, { path: '/second' });
    const first = await mailbox.next<{ keys: string[]; same: boolean; value: unknown }>('state');
    const second = await mailbox.next<{ keys: string[]; same: boolean; value: unknown }>('state');
    assert.ok(!second.keys.includes('writtenBy'), 'the second request saw what the first wrote to its state');
    assert.equal(second.same, false, 'two requests got the same state object');
    if (mailbox.has('startup-complete')) {
      assert.equal(first.value, 'startup-value', 'the state lacks what lifespan startup stored');
      assert.equal(second.value, 'startup-value', 'the state lacks what lifespan startup stored');
    }
  },
};

const callOnce: ConformanceCheck = {
  id: 'call-once',
  spec: '§1 [S-CALL-ONCE]',
  rule: 'every call of the app gets its own scope, receive and send',
  validate: false, // validate() hands the app fresh wrappers, which would hide the server's own objects
  app: (mailbox) => {
    let first: { scope: unknown; receive: unknown; send: unknown } | undefined;
    return httpApp(async (scope, receive, send) => {
      await readBody(receive);
      if (first === undefined) first = { scope, receive, send };
      else {
        mailbox.post('shared', {
          scope: scope === first.scope,
          receive: receive === first.receive,
          send: send === first.send,
        });
      }
      await respond(send, 204);
    });
  },
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    await client.request(url, { path: '/one' });
    await client.request(url, { path: '/two' });
    assert.deepEqual(await mailbox.next('shared'), { scope: false, receive: false, send: false });
  },
};

// A dual-stack socket reports IPv4 peers as IPv4-mapped IPv6 (::ffff:127.0.0.1); both name the same host.
function unmapped(address: Address | null): Address | null {
  if (address === null || !address.host.startsWith('::ffff:')) return address;
  return { host: address.host.slice('::ffff:'.length), port: address.port };
}

export const SCOPE_CHECKS: readonly ConformanceCheck[] = [
  scopeBasics,
  scopePath,
  scopePathUndecodable,
  scopeHeaders,
  scopeHttpVersion,
  scopeAddresses,
  scopeStateCopy,
  callOnce,
];
