// maxBodySize, an unread body on a keep-alive connection, and a client leaving mid-upload.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpReceiveEvent } from '../../src/index.js';
import type { HttpApp, TestServer } from './helpers.js';
import { captureLogger, deferred, listenWith, rawExchange } from './helpers.js';

/** Reads until the body ends or the request is over, recording the last event, then answers 200. */
function readingApp(last: { event?: HttpReceiveEvent; sendError?: unknown }, startFirst = false): HttpApp {
  return async (_scope, receive, send) => {
    if (startFirst) await send({ type: 'http.response.start', status: 200 });
    let event: HttpReceiveEvent;
    do event = await receive();
    while (event.type === 'http.request' && event.more);
    last.event = event;
    try {
      if (!startFirst) await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'read it all' });
    } catch (error) {
      last.sendError = error;
    }
  };
}

const chunked = (size: number) =>
  `POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${size.toString(16)}\r\n${'x'.repeat(size)}\r\n0\r\n\r\n`;

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('toNodeHandler: maxBodySize', () => {
  it('answers 413 to a Content-Length over the limit without calling the app, and closes', async () => {
    let called = false;
    running = await listenWith(
      async () => {
        called = true;
      },
      { maxBodySize: 1000 },
    );
    const { text, closed } = await rawExchange(
      running.port,
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n${'x'.repeat(1001)}`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(closed).toBe(true);
    expect(called).toBe(false);
  });

  it('lets a body of exactly the limit through', async () => {
    const last: { event?: HttpReceiveEvent } = {};
    running = await listenWith(readingApp(last), { maxBodySize: 1000 });
    const { text } = await rawExchange(running.port, chunked(1000), (t) => t.endsWith('read it all'));
    expect(text).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(last.event).toMatchObject({ type: 'http.request', more: false });
  });

  it('ends a chunked body that grows past the limit: the app sees server-closed, the client gets 413', async () => {
    const last: { event?: HttpReceiveEvent; sendError?: unknown } = {};
    const logs = captureLogger();
    running = await listenWith(readingApp(last), { maxBodySize: 1000, logger: logs });
    const { text, closed } = await rawExchange(running.port, chunked(1500));
    expect(text).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(closed).toBe(true);
    expect(last.event).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    expect(last.sendError).toMatchObject({ code: 'ERR_CLIENT_DISCONNECTED', reason: 'server-closed' });
    expect(logs.text()).toContain('WARN request body over 1000 bytes: POST /upload');
  });

  it('cuts the connection when the body grows past the limit after the response started', async () => {
    const last: { event?: HttpReceiveEvent } = {};
    running = await listenWith(readingApp(last, true), { maxBodySize: 1000 });
    const { text, closed } = await rawExchange(running.port, chunked(1500));
    expect(closed).toBe(true);
    expect(text).not.toContain('413');
    expect(text).not.toMatch(/\r\n0\r\n\r\n$/); // no terminating chunk: the client can tell it was cut
    expect(last.event).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
  });
});

describe('toNodeHandler: an unread body and a client leaving', () => {
  it('answers the next request on a keep-alive connection after a response that left the body half read', async () => {
    const app: HttpApp = async (scope, receive, send) => {
      if (scope.method === 'POST') await receive(); // one chunk at most, then answer
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: `answered ${scope.path}` });
    };
    running = await listenWith(app);
    const big = 'y'.repeat(300_000);
    const { text } = await rawExchange(
      running.port,
      `POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n\r\n${big}` +
        'GET /second HTTP/1.1\r\nHost: x\r\n\r\n',
      (received) => received.includes('answered /second'),
    );
    expect(text).toContain('answered /first');
    expect(text).toContain('answered /second');
  });

  it('closes the connection after an answer that leaves a long body unread, instead of reading it all', async () => {
    const app: HttpApp = async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 413 });
      await send({ type: 'http.response.body', body: 'too large for this route' });
    };
    running = await listenWith(app);
    // 64 MiB announced, a few bytes sent: the client waits for the answer before sending the rest.
    const { text, closed } = await rawExchange(
      running.port,
      `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\nxxxx`,
    );
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1.1 413 /);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('too large for this route');
  });

  it('tells an app reading the body that the client left (client-closed)', async () => {
    const gotFirst = deferred();
    const ended = deferred<HttpReceiveEvent>();
    const app: HttpApp = async (_scope, receive) => {
      let event = await receive();
      gotFirst.resolve();
      while (event.type === 'http.request') event = await receive();
      ended.resolve(event);
    };
    running = await listenWith(app);
    const client = connect(running.port, '127.0.0.1');
    client.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nonly a part');
    await gotFirst.promise;
    client.destroy(); // gone mid-upload
    expect(await ended.promise).toEqual({ type: 'http.disconnect', reason: 'client-closed' });
  });
});
