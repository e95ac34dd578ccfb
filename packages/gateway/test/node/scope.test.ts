// What an app sees of a request: the scope the bridge builds from a real node:http request.
import { readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { createServer as createHttpsServer, get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpScope } from '../../src/index.js';
import { toNodeHandler } from '../../src/index.js';
import type { HttpApp, TestServer } from './helpers.js';
import { asApp, captureLogger, listenWith, rawExchange } from './helpers.js';

const hello: HttpApp = async (_scope, _receive, send) => {
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: 'Hello, World!' });
};

const SCOPE_KEYS = [
  'gateway',
  'httpVersion',
  'method',
  'scheme',
  'path',
  'rawPath',
  'queryString',
  'rootPath',
  'headers',
  'client',
  'server',
] as const;

/** Answers every request with its scope, JSON-encoded (headers as pairs). */
const echoScope: HttpApp = async (scope, _receive, send) => {
  const seen = Object.fromEntries(SCOPE_KEYS.map((key) => [key, scope[key]]));
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'application/json']] });
  await send({ type: 'http.response.body', body: JSON.stringify(seen) });
};

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('toNodeHandler: the scope', () => {
  it('serves through supertest with a Content-Length and no chunking', async () => {
    const response = await supertest(toNodeHandler(asApp(hello))).get('/');
    expect(response.status).toBe(200);
    expect(response.text).toBe('Hello, World!');
    expect(response.headers['content-length']).toBe('13');
    expect(response.headers['transfer-encoding']).toBeUndefined();
  });

  it('describes the request: method, path decoded, raw path and query as sent, lowercase headers in order', async () => {
    const response = await supertest(toNodeHandler(asApp(echoScope), { rootPath: '/api' }))
      .post('/caf%C3%A9/a%2Fb?x=1&y=%20')
      .set('X-One', 'a');
    const seen = response.body as HttpScope;
    expect(seen).toMatchObject({
      gateway: { version: '1.0' },
      httpVersion: '1.1',
      method: 'POST',
      scheme: 'http',
      path: '/café/a/b',
      rawPath: '/caf%C3%A9/a%2Fb',
      queryString: 'x=1&y=%20',
      rootPath: '/api',
    });
    expect(seen.headers).toContainEqual(['x-one', 'a']);
    expect(seen.client).toMatchObject({ host: '127.0.0.1' });
    expect(seen.client?.port).toBeGreaterThan(0);
    expect(seen.server).toMatchObject({ host: '127.0.0.1' });
  });

  it('takes rootPath off a target that starts with it, and leaves one a proxy stripped alone', async () => {
    const handler = toNodeHandler(asApp(echoScope), { rootPath: '/api' });
    const seen = async (target: string) => {
      const { rawPath, queryString, rootPath } = (await supertest(handler).get(target)).body as HttpScope;
      return [rawPath, queryString, rootPath];
    };
    // Once the path kept the prefix here, and rootPath + path named /api/api/users.
    expect(await seen('/api/users?page=2')).toEqual(['/users', 'page=2', '/api']);
    expect(await seen('/api?x=1')).toEqual(['/', 'x=1', '/api']);
    expect(await seen('/users')).toEqual(['/users', '', '/api']);
    expect(await seen('/apix')).toEqual(['/apix', '', '/api']);
  });

  it('says https when the connection is TLS', async () => {
    const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
    const cert = fixture('localhost-cert.pem');
    const server = createHttpsServer(
      { key: fixture('localhost-key.pem'), cert },
      toNodeHandler(asApp(echoScope)),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const seen = await new Promise<HttpScope>((resolve, reject) => {
      httpsGet(`https://127.0.0.1:${port}/secure`, { ca: cert }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(JSON.parse(text) as HttpScope));
      }).on('error', reject);
    });
    server.close();
    server.closeAllConnections();
    expect(seen).toMatchObject({ scheme: 'https', path: '/secure' });
  });

  it('keeps repeated headers in arrival order, names lowercased; HTTP/1.0 is "1.0"; no query is ""', async () => {
    running = await listenWith(echoScope);
    const { text } = await rawExchange(
      running.port,
      'GET /plain HTTP/1.0\r\nX-Multi: 1\r\nx-other: o\r\nX-MULTI: 2\r\n\r\n',
    );
    const seen = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as HttpScope;
    expect(seen.headers).toEqual([
      ['x-multi', '1'],
      ['x-other', 'o'],
      ['x-multi', '2'],
    ]);
    expect(seen.httpVersion).toBe('1.0');
    expect(seen.queryString).toBe('');
    expect(seen.path).toBe('/plain');
  });

  it('answers 400 without calling the app for bad percent-encoding or a target that is not origin-form', async () => {
    let calls = 0;
    const counted: HttpApp = async (scope, receive, send) => {
      calls += 1;
      await hello(scope, receive, send);
    };
    running = await listenWith(counted);
    // `OPTIONS *` and an absolute-form target naming the Host are served: see test/hostile/request-head.
    for (const target of ['/bad%ZZ', '/bad%C3', 'ftp://x/y', '*']) {
      const { text } = await rawExchange(
        running.port,
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      );
      expect(text, target).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(text, target).toMatch(/\r\n\r\nBad Request$/);
    }
    expect(calls).toBe(0);
  });

  it('gives each request its own shallow copy of the lifespan state', async () => {
    const state = { greeting: 'hi', counter: { n: 0 } };
    const app: HttpApp = async (scope, _receive, send) => {
      const before = JSON.stringify(scope.state);
      scope.state.greeting = 'changed by a request';
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: before });
    };
    const agent = supertest(toNodeHandler(asApp(app), { state }));
    expect((await agent.get('/')).text).toBe('{"greeting":"hi","counter":{"n":0}}');
    expect((await agent.get('/')).text).toBe('{"greeting":"hi","counter":{"n":0}}');
    expect(state.greeting).toBe('hi');
  });

  it('keeps a connection alive across requests', async () => {
    running = await listenWith(hello);
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ports: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await new Promise<void>((resolve, reject) => {
        get(`${running!.url}/`, { agent }, (res) => {
          ports.push(res.socket.localPort ?? -1);
          res.resume().on('end', resolve);
        }).on('error', reject);
      });
    }
    agent.destroy();
    expect(new Set(ports).size).toBe(1);
  });

  it('answers pipelined requests in order, even when later apps finish first', async () => {
    const app: HttpApp = async (scope, _receive, send) => {
      const n = Number(scope.path.slice(1));
      await new Promise((resolve) => setTimeout(resolve, (5 - n) * 20)); // the last request is ready first
      await send({ type: 'http.response.start', status: 200 });
      if (n === 2) {
        // A large streamed body: it waits in Node until the responses before it went out.
        for (let i = 0; i < 16; i += 1) {
          await send({ type: 'http.response.body', body: Buffer.alloc(64 * 1024, 50), more: true });
        }
      }
      await send({ type: 'http.response.body', body: `<${n}>` });
    };
    running = await listenWith(app);
    const requests = [1, 2, 3, 4, 5].map((n) => `GET /${n} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
    const { text } = await rawExchange(running.port, requests, (received) => received.includes('<5>'));
    const order = [...text.matchAll(/<(\d)>/g)].map((match) => match[1]);
    expect(order).toEqual(['1', '2', '3', '4', '5']);
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(5);
    expect(text).toContain('2'.repeat(64 * 1024));
  });

  it('answers HEAD with the headers of the response and no body', async () => {
    running = await listenWith(hello);
    const { text } = await rawExchange(
      running.port,
      'HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toContain('content-length: 13\r\n');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('logs nothing for a healthy request', async () => {
    const logger = captureLogger('info');
    await supertest(toNodeHandler(asApp(hello), { logger })).get('/');
    expect(logger.lines).toEqual([]);
  });
});
