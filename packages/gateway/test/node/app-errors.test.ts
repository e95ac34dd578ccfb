// What the client and the log see when an app fails, before or after starting its response.
import { connect } from 'node:net';
import supertest from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/index.js';
import { ClientDisconnectedError, toNodeHandler } from '../../src/index.js';
import type { CapturedLogger, HttpApp, TestServer } from './helpers.js';
import { captureLogger, deferred, eventually, fetchOutcome, listenWith, rawExchange } from './helpers.js';

let running: TestServer | undefined;
let logger: CapturedLogger;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function serve(app: HttpApp): Promise<TestServer> {
  logger = captureLogger();
  running = await listenWith(app, { logger });
  return running;
}

function secretFailure(): Error {
  return new Error('database password is hunter2');
}

describe('toNodeHandler: app errors', () => {
  it('answers 500 with a plain body and no stack when the app throws before starting', async () => {
    const { url } = await serve(async () => {
      throw secretFailure();
    });
    const outcome = await fetchOutcome(`${url}/boom`);
    expect(outcome.status).toBe(500);
    expect(outcome.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(outcome.body).toBe('Internal Server Error');
    const log = logger.text();
    expect(log).toContain('ERROR app failed on GET /boom');
    expect(log).toContain('Error: database password is hunter2');
    expect(log).toMatch(/\n\s+at .*app-errors\.test\.ts/); // the full stack, in the log only
  });

  it('answers 500 when a synchronous app throws', async () => {
    const throwsAtOnce = (() => {
      throw secretFailure();
    }) as unknown as App;
    const response = await supertest(toNodeHandler(throwsAtOnce, { logger: captureLogger() })).get('/');
    expect(response.status).toBe(500);
    expect(response.text).toBe('Internal Server Error');
  });

  it('answers 500 when the app returns without a response', async () => {
    const { url } = await serve(async () => {});
    const outcome = await fetchOutcome(`${url}/silent`);
    expect(outcome.status).toBe(500);
    expect(logger.text()).toContain('ERROR app returned without completing its response to GET /silent');
  });

  it('completes a response whose app returns its final send unawaited, logging nothing', async () => {
    const { url } = await serve((_scope, _receive, send) => {
      void send({ type: 'http.response.start', status: 200 });
      return send({ type: 'http.response.body', body: 'whole' });
    });
    const outcome = await fetchOutcome(url);
    expect(outcome).toMatchObject({ status: 200, body: 'whole', complete: true });
    expect(logger.text()).toBe('');
  });

  it('cuts the response of an app that returns the promise of its start, sending no body', async () => {
    const { url } = await serve((_scope, _receive, send) =>
      send({ type: 'http.response.start', status: 200 }),
    );
    // The head was still held for the body ([S-ERROR-AFTER-START]: no framing completed), so nothing came.
    await expect(fetchOutcome(url)).rejects.toThrow('socket hang up');
    expect(logger.text()).toContain('ERROR app returned without completing its response to GET /');
  });

  it('answers 500 when the start it held for the body turns out invalid, and the app fails on that', async () => {
    const seen: { error?: unknown } = {};
    const { url } = await serve(async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 200, headers: [['x-echo', 'a\r\nset-cookie: x=1']] });
      try {
        await send({ type: 'http.response.body', body: 'hello' });
      } catch (error) {
        seen.error = error;
        throw error;
      }
    });
    const outcome = await fetchOutcome(url);
    expect(outcome).toMatchObject({ status: 500, body: 'Internal Server Error', complete: true });
    expect(outcome.headers['set-cookie']).toBeUndefined();
    expect(seen.error).toMatchObject({ code: 'ERR_INVALID_CHAR' });
    // The refused head's reason phrase does not linger: once "HTTP/1.1 500 OK".
    const { text } = await rawExchange(
      Number(new URL(url).port),
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
      (got) => got.includes('\r\n\r\n'),
    );
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 500 Internal Server Error');
  });

  it('gives a second start after a refused one its own reason phrase', async () => {
    const { url } = await serve(async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 200, headers: [['x-echo', 'a\nb']] });
      await send({ type: 'http.response.body', body: 'x' }).catch(() => {});
      await send({ type: 'http.response.start', status: 404 });
      await send({ type: 'http.response.body', body: 'fallback' });
    });
    const { text } = await rawExchange(
      Number(new URL(url).port),
      'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
      (got) => got.endsWith('fallback'),
    );
    expect(text.split('\r\n')[0]).toBe('HTTP/1.1 404 Not Found');
  });

  it('cuts the connection when the app throws after starting: the client sees an incomplete response', async () => {
    const { url } = await serve(async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      throw secretFailure();
    });
    const outcome = await fetchOutcome(url);
    expect(outcome.status).toBe(200);
    expect(outcome.body).toBe('partial');
    expect(outcome.complete).toBe(false);
    expect(logger.text()).toContain('database password is hunter2');
  });

  it('cuts the connection when the app returns in the middle of its body', async () => {
    const { url } = await serve(async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'half', more: true });
    });
    const outcome = await fetchOutcome(url);
    expect(outcome.body).toBe('half');
    expect(outcome.complete).toBe(false);
    expect(logger.text()).toContain('app returned without completing its response');
  });

  it('logs an app failure after a complete response, leaving the response alone', async () => {
    const { url } = await serve(async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 201 });
      await send({ type: 'http.response.body', body: 'done' });
      throw new Error('cleanup failed');
    });
    const outcome = await fetchOutcome(url);
    expect(outcome).toMatchObject({ status: 201, body: 'done', complete: true });
    await eventually(() => logger.text().includes('cleanup failed'));
  });

  it('treats ClientDisconnectedError after a disconnect as the app stopping, not an error', async () => {
    const waiting = deferred();
    const stopped = deferred();
    const { port } = await serve(async (_scope, receive, send) => {
      try {
        await receive();
        waiting.resolve();
        const event = await receive(); // the disconnect
        if (event.type === 'http.disconnect') throw new ClientDisconnectedError(event.reason);
      } finally {
        stopped.resolve();
      }
      await send({ type: 'http.response.start', status: 200 });
    });
    const client = connect(port, '127.0.0.1');
    client.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await waiting.promise;
    client.destroy();
    await stopped.promise;
    await eventually(() => logger.text().includes('DEBUG app stopped after the client went away'));
    expect(logger.text()).not.toContain('ERROR');
  });
});
