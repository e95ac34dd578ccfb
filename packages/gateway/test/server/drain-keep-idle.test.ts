// server.drain({ keepIdleConnections: true }): what a worker does when others take over from it. An
// idle keep-alive connection is kept for the request a pooling client may be sending on it.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer, ServeOptions } from '../../src/server/index.js';
import { serve } from '../../src/server/index.js';
import { captureLogger, rawExchange } from '../node/helpers.js';

const started: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.drain().catch(() => {})));
});

async function start(options: ServeOptions = {}): Promise<RunningServer> {
  const server = await serve(
    async (scope, _receive, send) => {
      if (scope.type !== 'http') throw new Error('no lifespan here');
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      await send({ type: 'http.response.body', body: `answered ${scope.path}` });
    },
    { port: 0, accessLog: false, logger: captureLogger(), ...options },
  );
  started.push(server);
  return server;
}

const complete = (text: string) => text.includes('\r\n\r\n') && /answered \/\S+$/.test(text);

/** The next response on `socket`, and whether the server closed the connection after it. */
function nextResponse(socket: Socket, path: string): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: string) => {
      text += chunk;
    };
    socket.on('data', onData);
    socket.once('close', () => resolve({ text, closed: true }));
    socket.once('error', (error) => resolve({ text: `${text}[${error.message}]`, closed: true }));
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  });
}

describe('serve: drain({ keepIdleConnections: true })', () => {
  it('answers a request sent on an idle keep-alive connection after the drain began, with Connection: close', async () => {
    const server = await start({ keepAliveTimeout: 60_000 });
    const first = await rawExchange(server.address.port!, 'GET /first HTTP/1.1\r\nHost: x\r\n\r\n', complete);
    expect(first.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(first.text.toLowerCase()).toContain('connection: keep-alive');
    // Older than the first-request grace every drain gives a brand-new connection (500 ms).
    await new Promise((resolve) => setTimeout(resolve, 600));
    const drained = server.drain({ keepIdleConnections: true });
    // The pool picks this idle connection just as the drain begins: its request must not be lost.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await nextResponse(first.socket, '/second');
    expect(second.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(second.text.toLowerCase()).toContain('connection: close');
    expect(second.text).toMatch(/answered \/second$/);
    expect(second.closed).toBe(true);
    await drained; // the last connection closed: no wait for the 60 s keep-alive timeout
  });

  it('closes a connection that stays idle once its keep-alive timeout passed, then finishes', async () => {
    const server = await start({ keepAliveTimeout: 300 });
    const first = await rawExchange(server.address.port!, 'GET /first HTTP/1.1\r\nHost: x\r\n\r\n', complete);
    const closed = new Promise<void>((resolve) => first.socket.once('close', () => resolve()));
    await server.drain({ keepIdleConnections: true });
    await closed;
    expect(first.socket.destroyed).toBe(true);
  });
});
