// Issue 26, items 4 and 7: slow or silent clients and a handler that never answers are ended, visibly.
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HttpReceiveEvent } from '../../src/index.js';
import type { HttpApp } from '../node/helpers.js';
import { captureLogger, deferred, fetchOutcome, listenWith, rawExchange } from '../node/helpers.js';
import { echo, serveLimited } from './limits-server.js';

// Short timeouts keep the suite fast; the tests assert what the client and the log see, never a time.
const SHORT = 300;

describe('header and keep-alive timeouts', () => {
  it('answers 408 to a head still incomplete after headersTimeout, closes, and logs the peer', async () => {
    const { port, rejections } = await serveLimited(echo, {
      headersTimeout: SHORT,
      requestTimeout: SHORT * 2,
    });
    const { text, closed } = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ');
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(closed).toBe(true);
    expect(rejections()).toEqual([
      expect.stringContaining('WARN rejected 408 from 127.0.0.1: request head (or body) not received'),
    ]);
  });

  it('answers 408 to a second keep-alive request whose head stalls (Node alone would not answer)', async () => {
    const { port } = await serveLimited(echo, { headersTimeout: SHORT, requestTimeout: SHORT * 2 });
    const { text, closed } = await rawExchange(
      port,
      'GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHo',
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(closed).toBe(true);
  });

  it('closes an idle keep-alive connection after keepAliveTimeout', async () => {
    const { port, rejections } = await serveLimited(echo, { keepAliveTimeout: SHORT });
    const { text, closed } = await rawExchange(port, 'GET /idle HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Keep-Alive: timeout=0\r\n/);
    expect(closed).toBe(true);
    // Closing an idle connection is routine, not a rejection.
    expect(rejections()).toEqual([]);
  });
});

describe('bodyTimeout', () => {
  it('answers 408 when the body stalls while the app waits for it; the app hears server-closed', async () => {
    const seen = deferred<HttpReceiveEvent[]>();
    const reader: HttpApp = async (_scope, receive, send) => {
      const events = [await receive(), await receive()];
      seen.resolve(events);
      await send({ type: 'http.response.start', status: 200 }).catch(() => {});
    };
    const { port, rejections } = await serveLimited(reader, { bodyTimeout: SHORT });
    const { text, closed } = await new Promise<{ text: string; closed: boolean }>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.write('POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n');
      // The first bytes in a write of their own, so the app reads them and then waits for the rest.
      setTimeout(() => socket.write('abc'), 50);
      let text = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => {
        text += chunk;
      });
      socket.on('close', () => resolve({ text, closed: true }));
    });
    expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(closed).toBe(true);
    const events = await seen.promise;
    expect(events[0]).toMatchObject({ type: 'http.request', more: true });
    expect(events[1]).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    expect(rejections()).toEqual([
      expect.stringContaining(
        `rejected 408 from 127.0.0.1: no request body bytes for ${SHORT} ms (POST /upload)`,
      ),
    ]);
  });

  it('does not count the time an app takes between reads', async () => {
    const slowReader: HttpApp = async (scope, receive, send) => {
      await new Promise((resolve) => setTimeout(resolve, SHORT * 3));
      await echo(scope, receive, send);
    };
    const { server, rejections } = await serveLimited(slowReader, { bodyTimeout: SHORT });
    const outcome = await fetchOutcome(`${server.url}/patient`, { method: 'POST', body: 'all of it' });
    expect(outcome).toMatchObject({ status: 200, body: '/patient  all of it', complete: true });
    expect(rejections()).toEqual([]);
  });
});

describe('responseTimeout', () => {
  it('answers 503 when nothing was sent in time, closes, and frees the drain', async () => {
    const never: HttpApp = () => new Promise(() => {});
    const { server, rejections } = await serveLimited(never, {
      responseTimeout: SHORT,
      gracefulTimeout: 60_000,
    });
    const outcome = await fetchOutcome(`${server.url}/hang`);
    expect(outcome).toMatchObject({ status: 503, body: 'Service Unavailable', complete: true });
    expect(outcome.headers.connection).toBe('close');
    expect(rejections()).toEqual([
      expect.stringContaining(
        `rejected 503 from 127.0.0.1: no complete response after ${SHORT} ms (GET /hang)`,
      ),
    ]);
    // The hung handler no longer holds a drain to its (here one-minute) deadline.
    const drained = await Promise.race([
      server.drain().then(() => 'drained'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
    ]);
    expect(drained).toBe('drained');
  });

  it('cuts a response that started but does not complete in time; the app hears server-closed', async () => {
    const heard = deferred<HttpReceiveEvent>();
    const stalls: HttpApp = async (_scope, receive, send) => {
      await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      heard.resolve(await receive());
    };
    const { server, rejections } = await serveLimited(stalls, { responseTimeout: SHORT });
    const outcome = await fetchOutcome(`${server.url}/stream`);
    expect(outcome).toMatchObject({ status: 200, body: 'partial', complete: false });
    expect(await heard.promise).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    expect(rejections()).toEqual([
      expect.stringContaining('closed from 127.0.0.1: no complete response after'),
    ]);
  });

  it('is a toNodeHandler option too, for a node:http server of your own', async () => {
    const logger = captureLogger();
    const never: HttpApp = () => new Promise(() => {});
    const own = await listenWith(never, { responseTimeout: SHORT, logger });
    try {
      const outcome = await fetchOutcome(`${own.url}/own`);
      expect(outcome).toMatchObject({ status: 503, complete: true });
      expect(logger.lines).toEqual([
        expect.stringContaining(
          `WARN rejected 503 from 127.0.0.1: no complete response after ${SHORT} ms (GET /own)`,
        ),
      ]);
    } finally {
      await own.close();
    }
  });

  it('leaves a response completed in time alone', async () => {
    const { server, rejections } = await serveLimited(echo, { responseTimeout: SHORT });
    const outcome = await fetchOutcome(`${server.url}/quick?x=1`);
    expect(outcome).toMatchObject({ status: 200, body: '/quick x=1 ', complete: true });
    expect(rejections()).toEqual([]);
  });
});
