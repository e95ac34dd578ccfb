// The example app through toNodeHandler, as a user would first run it under their own node:http server.
import { get, type IncomingMessage } from 'node:http';
import { DrainController, silentLogger, startLifespan, toNodeHandler } from '@flagon/gateway';
import supertest from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestServer } from '../../../packages/gateway/test/node/helpers.js';
import { fetchOutcome, listenWith } from '../../../packages/gateway/test/node/helpers.js';
import app from '../app.js';

const handler = toNodeHandler(app, { logger: silentLogger });

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
  vi.restoreAllMocks();
});

describe('hello-gateway', () => {
  it('says hello on GET / and 404 elsewhere', async () => {
    const hello = await supertest(handler).get('/');
    expect(hello.status).toBe(200);
    expect(hello.text).toBe('Hello, World!');
    expect(hello.headers['content-type']).toBe('text/plain; charset=utf-8');
    const missing = await supertest(handler).get('/nope');
    expect(missing.status).toBe(404);
    expect((await supertest(handler).post('/')).status).toBe(404);
  });

  it('counts the bytes of a POST /length body', async () => {
    const response = await supertest(handler).post('/length').send(Buffer.alloc(100_000, 1));
    expect(response.text).toBe('100000');
  });

  it('answers GET /sleep after the delay, and refuses a bad one', async () => {
    expect((await supertest(handler).get('/sleep?ms=20')).text).toBe('Slept 20 ms');
    expect((await supertest(handler).get('/sleep?ms=soon')).status).toBe(400);
  });

  it('describes the scope on GET /scope, with the lifespan state', async () => {
    const lifespan = await startLifespan(app);
    const response = await supertest(toNodeHandler(app, { state: lifespan.state, rootPath: '/hello' }))
      .get('/scope?x=1')
      .set('X-Demo', 'yes');
    expect(response.body).toMatchObject({
      method: 'GET',
      scheme: 'http',
      path: '/scope',
      queryString: 'x=1',
      rootPath: '/hello',
      headers: { 'x-demo': 'yes' },
      client: { host: '127.0.0.1' },
      state: { startedAt: expect.any(String) },
    });
    await lifespan.shutdown();
  });

  it('sends early hints before the page on GET /hints', async () => {
    running = await listenWith(app);
    const hints: Record<string, unknown>[] = [];
    const page = await new Promise<IncomingMessage>((resolve) => {
      get(`${running!.url}/hints`, resolve).on('information', (info) => hints.push(info.headers));
    });
    expect(hints).toEqual([{ link: '</style.css>; rel=preload; as=style' }]);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    page.resume();
  });

  it('streams events on GET /events and says bye when the server drains', async () => {
    const drain = new DrainController();
    const closedLog = vi.spyOn(console, 'error').mockImplementation(() => {});
    running = await listenWith(app, { drain });
    const stream = await new Promise<IncomingMessage>((resolve) =>
      get(`${running!.url}/events?interval=20`, resolve),
    );
    let text = '';
    stream.setEncoding('utf8');
    const firstTick = new Promise<void>((resolve) =>
      stream.on('data', (chunk: string) => {
        text += chunk;
        resolve();
      }),
    );
    const ended = new Promise((resolve) => stream.on('end', resolve));
    await firstTick;
    drain.begin(null);
    await ended;
    await drain.settled();
    expect(text).toMatch(/^data: tick 1\n\n/);
    expect(text.endsWith('event: bye\ndata: server shutting down\n\n')).toBe(true);
    expect(closedLog).toHaveBeenCalledWith(expect.stringMatching(/\/events stream closed after \d+ events/));
  });

  it('answers POST /audit at once and writes the audit line in a waitUntil task', async () => {
    const drain = new DrainController();
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    running = await listenWith(app, { drain });
    const response = await fetchOutcome(`${running.url}/audit?delay=50`, {
      method: 'POST',
      body: 'signed up',
    });
    expect(response).toMatchObject({ status: 202, body: 'Accepted' });
    expect(log).not.toHaveBeenCalled();
    await drain.settled();
    expect(log).toHaveBeenCalledWith('[hello-gateway] audit: "signed up"');
  });
});
