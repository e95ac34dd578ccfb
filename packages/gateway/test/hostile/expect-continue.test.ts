// `Expect: 100-continue`: the client holds its body back until the server asks for it. The reference
// server asks only when the app reads the body, and refuses a declared body over the limit at once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../../src/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { serve } from '../../src/server/index.js';
import type { HttpApp } from '../node/helpers.js';
import { asApp, captureLogger, rawExchange } from '../node/helpers.js';

let calls = 0;

/** `/echo` reads the body and answers it; `/refuse` answers 403 without reading. */
const app: HttpApp = async (scope, receive, send) => {
  calls++;
  if (scope.path === '/refuse') {
    await send({ type: 'http.response.start', status: 403, headers: [['content-length', '2']] });
    await send({ type: 'http.response.body', body: 'no' });
    return;
  }
  let body = '';
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') return;
    body += new TextDecoder().decode(event.body);
    if (!event.more) break;
  }
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: `got ${body}` });
};

const servers: RunningServer[] = [];
async function start(): Promise<RunningServer> {
  calls = 0;
  const server = await serve(asApp(app), {
    port: 0,
    accessLog: false,
    logger: captureLogger(),
    maxBodySize: 1024,
  });
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.drain()));
});

const portOf = (server: RunningServer): number => server.address.port!;
const expecting = (path: string, length: number) =>
  `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`;

describe('reference server: Expect: 100-continue', () => {
  it('answers a declared body over maxBodySize 413 at once, with no 100 first, and closes', async () => {
    const server = await start();
    const { text, closed } = await rawExchange(portOf(server), expecting('/echo', 1025));
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(text).toContain('Connection: close\r\n');
    expect(text).not.toContain('100 Continue');
    expect(calls).toBe(0);
  });

  it('sends no 100 to an app that answers without reading, and closes after its answer', async () => {
    const server = await start();
    const { text, closed } = await rawExchange(portOf(server), expecting('/refuse', 10));
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
    expect(text).toContain('Connection: close\r\n');
    expect(text).not.toContain('100 Continue');
  });

  it('sends 100 when the app reads the body, then the answer', async () => {
    const server = await start();
    const exchange = await rawExchange(portOf(server), expecting('/echo', 5), (text) =>
      text.includes('\r\n\r\n'),
    );
    expect(exchange.text).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    const answered = new Promise<string>((resolve) => {
      let rest = '';
      exchange.socket.on('data', (chunk: string) => {
        rest += chunk;
        if (rest.endsWith('got hello')) resolve(rest);
      });
    });
    exchange.socket.write('hello');
    expect(await answered).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\ngot hello$/);
    exchange.socket.destroy();
  });

  it('answers 100 at once to a request without a body: there is nothing to hold back', async () => {
    const server = await start();
    const { text } = await rawExchange(
      portOf(server),
      'GET /refuse HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n',
      (received) => received.endsWith('no'),
    );
    expect(text).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 403 Forbidden\r\n/);
  });
});

describe('toNodeHandler under a node:http server of your own', () => {
  it('asks for the body only when the app reads once checkContinue goes to handler.checkContinue', async () => {
    calls = 0;
    const handler = toNodeHandler(asApp(app), { logger: captureLogger(), maxBodySize: 1024 });
    const server = createServer(handler).on('checkContinue', handler.checkContinue);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const refused = await rawExchange(port, expecting('/refuse', 10));
      expect(refused.text).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
      const tooLarge = await rawExchange(port, expecting('/echo', 2048));
      expect(tooLarge.text).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
      expect(calls).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
