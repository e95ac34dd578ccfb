// Draining through a DrainController: the notice in-flight requests get, and what a server waits for.
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpReceiveEvent } from '../../src/index.js';
import { DrainController } from '../../src/index.js';
import type { CapturedLogger, HttpApp, TestServer } from './helpers.js';
import { captureLogger, deferred, eventually, fetchOutcome, listenWith, rawExchange } from './helpers.js';

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Reads the whole body, records every event, then waits for one more and answers with what it got. */
function patientApp(events: HttpReceiveEvent[], bodyDone?: () => void): HttpApp {
  return async (scope, receive, send) => {
    let event: HttpReceiveEvent;
    do {
      event = await receive();
      events.push(event.type === 'http.request' ? { ...event, body: new Uint8Array(0) } : event);
    } while (event.type === 'http.request' && event.more);
    bodyDone?.();
    const next = await receive();
    events.push(next);
    await send({ type: 'http.response.start', status: 200 });
    await send({ type: 'http.response.body', body: `${next.type} drain.aborted=${scope.drain.aborted}` });
  };
}

describe('toNodeHandler: the drain notice', () => {
  it('wakes a waiting receive with http.drain and its deadline, aborts scope.drain, and closes after', async () => {
    const drain = new DrainController();
    const events: HttpReceiveEvent[] = [];
    const waiting = deferred();
    running = await listenWith(patientApp(events, waiting.resolve), { drain });
    const response = rawExchange(running.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await waiting.promise;
    const deadline = Date.now() + 10_000;
    drain.begin(deadline);
    const { text, closed } = await response;
    expect(events.at(-1)).toEqual({ type: 'http.drain', deadline });
    expect(text).toMatch(/\r\nConnection: close\r\n/);
    expect(text).toMatch(/http\.drain drain\.aborted=true$/);
    expect(closed).toBe(true);
  });

  it('never gives the notice before the final body chunk', async () => {
    const drain = new DrainController();
    const events: HttpReceiveEvent[] = [];
    const firstChunk = deferred();
    const app: HttpApp = async (scope, receive, send) => {
      const first = await receive();
      events.push(first);
      firstChunk.resolve();
      return patientApp(events)(scope, receive, send);
    };
    running = await listenWith(app, { drain });
    const client = connect(running.port, '127.0.0.1');
    client.write('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n');
    await firstChunk.promise;
    drain.begin(null);
    client.end('3\r\ndef\r\n0\r\n\r\n');
    await eventually(() => events.some((event) => event.type === 'http.drain'));
    client.destroy();
    const types = events.map((event) =>
      event.type === 'http.request' ? `chunk more=${event.more}` : event.type,
    );
    expect(types.at(-1)).toBe('http.drain');
    expect(types.at(-2)).toBe('chunk more=false');
    expect(events.at(-1)).toEqual({ type: 'http.drain', deadline: null });
  });

  it('gives a request arriving during the drain the notice at once', async () => {
    const drain = new DrainController();
    drain.begin(12345);
    running = await listenWith(patientApp([]), { drain });
    const outcome = await fetchOutcome(running.url);
    expect(outcome.body).toBe('http.drain drain.aborted=true');
    expect(outcome.headers.connection).toBe('close');
  });

  it('gives the notice to a request still open after a drain began during its app call', async () => {
    const drain = new DrainController();
    const app: HttpApp = async (_scope, receive, send) => {
      drain.begin(777); // as a signal handler could, while this call is on the stack
      await receive(); // the (empty) body
      const next = await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: JSON.stringify(next) });
    };
    running = await listenWith(app, { drain });
    const outcome = await fetchOutcome(running.url);
    expect(JSON.parse(outcome.body)).toEqual({ type: 'http.drain', deadline: 777 });
    expect(drain.inFlight).toBe(0);
  });

  it('closes the connection after a request answered within its call while draining', async () => {
    const drain = new DrainController();
    drain.begin(null);
    const app: HttpApp = (_scope, _receive, send) => {
      void send({ type: 'http.response.start', status: 200 });
      return send({ type: 'http.response.body', body: 'quick' });
    };
    running = await listenWith(app, { drain });
    const { text, closed } = await rawExchange(running.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(text).toMatch(/\r\nConnection: close\r\n/);
    expect(text).toMatch(/quick$/);
    expect(closed).toBe(true);
    await drain.settled();
    expect(drain.inFlight).toBe(0);
  });
});

describe('DrainController: what a server waits for', () => {
  it('settles once in-flight requests returned and waitUntil tasks finished; a failed task is logged', async () => {
    const drain = new DrainController();
    const logger: CapturedLogger = captureLogger();
    const task = deferred();
    const order: string[] = [];
    const app: HttpApp = async (scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'ok' });
      scope.extensions.tasks?.waitUntil(task.promise.then(() => order.push('task')));
      scope.extensions.tasks?.waitUntil(Promise.reject(new Error('audit write failed')));
    };
    running = await listenWith(app, { drain, logger });
    expect((await fetchOutcome(running.url)).body).toBe('ok');
    expect(drain.pendingTasks).toBeGreaterThan(0);
    drain.begin(null);
    const settled = drain.settled().then(() => order.push('settled'));
    await eventually(() => logger.text().includes('ERROR waitUntil task failed'));
    expect(logger.text()).toContain('Error: audit write failed');
    expect(order).toEqual([]);
    task.resolve();
    await settled;
    expect(order).toEqual(['task', 'settled']);
    expect(drain.inFlight).toBe(0);
  });

  it('cuts what is left: the app sees server-closed and the client an incomplete response', async () => {
    const drain = new DrainController();
    const ended = deferred<HttpReceiveEvent>();
    const streaming = deferred();
    const app: HttpApp = async (_scope, receive, send) => {
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'tick', more: true });
      await receive();
      streaming.resolve();
      let event = await receive();
      if (event.type === 'http.drain') event = await receive(); // ignores the notice
      ended.resolve(event);
    };
    running = await listenWith(app, { drain });
    const outcome = fetchOutcome(running.url);
    await streaming.promise;
    drain.begin(Date.now());
    expect(drain.cutAll()).toBe(1);
    expect(await ended.promise).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    expect(await outcome).toMatchObject({ body: 'tick', complete: false });
    await drain.settled();
  });
});
