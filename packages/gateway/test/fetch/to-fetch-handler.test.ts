import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, HttpScope, ReceiveEvent } from '@flagon/gateway';
import { createLogger, isClientDisconnected, toFetchHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { deferred } from '../node/helpers.js';
import { gate, silent, ticks } from './test-helpers.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Reads the request body through receive and answers with it, in upper case. */
const shout: App = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  let body = '';
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') break;
    body += decoder.decode(event.body);
    if (!event.more) break;
  }
  await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
  await send({ type: 'http.response.body', body: body.toUpperCase() });
};

describe('toFetchHandler', () => {
  it('builds the scope from the Request: scheme, decoded path, rawPath, query, headers, client', async () => {
    let seen: HttpScope | undefined;
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      seen = scope;
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
    };
    const handler = toFetchHandler<{ remote: string }>(app, {
      logger: silent,
      rootPath: '/api',
      getClient: (_request, context) => (context ? { host: context.remote, port: 1234 } : null),
    });
    const res = await handler(
      new Request('https://shop.test/api/caf%C3%A9?q=a%20b&q=c', { headers: { 'X-Trace': 'abc' } }),
      { remote: '192.0.2.1' },
    );
    expect(res.status).toBe(204);
    expect(seen).toMatchObject({
      type: 'http',
      method: 'GET',
      scheme: 'https',
      rootPath: '/api',
      path: '/café',
      rawPath: '/caf%C3%A9',
      queryString: 'q=a%20b&q=c',
      client: { host: '192.0.2.1', port: 1234 },
      server: null,
    });
    expect(seen?.headers).toEqual([
      ['host', 'shop.test'],
      ['x-trace', 'abc'],
    ]);
    expect(Object.keys(seen?.extensions ?? {}).sort()).toEqual(['file', 'tasks']);
    await handler.shutdown();
  });

  it('answers 400 without calling the app for a path that does not decode', async () => {
    let called = false;
    const handler = toFetchHandler(
      async (scope) => {
        called = scope.type === 'http';
      },
      { logger: silent },
    );
    const res = await handler(new Request('http://a.test/%FF'));
    expect([res.status, await res.text(), called]).toEqual([400, 'Bad Request', false]);
    await handler.shutdown();
  });

  it('streams the request body to receive, pulling only as the app asks', async () => {
    const pulls: number[] = [];
    let count = 0;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls.push(++count);
          if (count <= 3) controller.enqueue(encoder.encode(`part${count} `));
          else controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const held = gate();
    const firstIn = gate();
    const events: ReceiveEvent[] = [];
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      events.push(await receive());
      firstIn.open();
      await held.opened;
      for (;;) {
        const event = await receive();
        events.push(event);
        if (event.type !== 'http.request' || !event.more) break;
      }
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: String(events.length) });
    };
    const handler = toFetchHandler(app, { logger: silent });
    const request = new Request('http://a.test/upload', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    const pending = handler(request);
    await firstIn.opened;
    await ticks(5);
    expect(pulls).toEqual([1]);
    held.open();
    const res = await pending;
    expect(await res.text()).toBe('4');
    const chunks = events.map((event) =>
      event.type === 'http.request' ? `${decoder.decode(event.body)}|${event.more}` : event.type,
    );
    expect(chunks).toEqual(['part1 |true', 'part2 |true', 'part3 |true', '|false']);
    await handler.shutdown();
  });

  it('resolves the Response at the start and streams the body, each send waiting for the host to read', async () => {
    const sent: string[] = [];
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
        ],
      });
      for (const part of ['x', 'y', 'z']) {
        await send({ type: 'http.response.body', body: part, more: true });
        sent.push(part);
      }
      await send({ type: 'http.response.body' });
    };
    const handler = toFetchHandler(app, { logger: silent });
    const res = await handler(new Request('http://a.test/'));
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    await ticks(5);
    expect(sent).toEqual([]);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const read: string[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read.push(decoder.decode(value));
      await ticks(2);
      expect(sent).toEqual(read);
    }
    expect(read).toEqual(['x', 'y', 'z']);
    await handler.shutdown();
  });

  it('gives a body sent whole a Content-Length, also on HEAD, and streams one sent in pieces', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      if (scope.path === '/stream') await send({ type: 'http.response.body', body: 'hello ', more: true });
      await send({ type: 'http.response.body', body: scope.path === '/stream' ? 'world' : 'hello world' });
    };
    const handler = toFetchHandler(app, { logger: silent });
    const whole = await handler(new Request('http://a.test/'));
    // Once always a stream: hosts sent every answer chunked, and HEAD said nothing of the length.
    expect([whole.headers.get('content-length'), await whole.text()]).toEqual(['11', 'hello world']);
    const head = await handler(new Request('http://a.test/', { method: 'HEAD' }));
    expect([head.headers.get('content-length'), head.body]).toEqual(['11', null]);
    const streamed = await handler(new Request('http://a.test/stream'));
    expect([streamed.headers.get('content-length'), await streamed.text()]).toEqual([null, 'hello world']);
    await handler.shutdown();
  });

  it('does not hold the head of a response whose body is slow to come', async () => {
    const release = deferred();
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'text/event-stream']],
      });
      await release.promise;
      await send({ type: 'http.response.body', body: 'data: late\n\n' });
    };
    const handler = toFetchHandler(app, { logger: silent });
    const res = await handler(new Request('http://a.test/'));
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/event-stream']);
    release.resolve();
    expect(await res.text()).toBe('data: late\n\n');
    await handler.shutdown();
  });

  it('answers a plain 500 for an app that fails before the start, and logs the stack', async () => {
    const lines: string[] = [];
    const app: App = async (scope) => {
      if (scope.type !== 'http') return;
      throw new Error('secret detail');
    };
    const handler = toFetchHandler(app, { logger: createLogger('error', (line) => lines.push(line)) });
    const res = await handler(new Request('http://a.test/x'));
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('Internal Server Error');
    expect(lines.join('')).toMatch(
      /ERROR GET \/x: the app failed before http.response.start; answered 500\nError: secret detail\n\s+at /,
    );
    await handler.shutdown();
  });

  it('errors the body stream for an app that fails after the start', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      throw new Error('mid-stream failure');
    };
    const handler = toFetchHandler(app, { logger: silent });
    const res = await handler(new Request('http://a.test/'));
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    await handler.shutdown();
  });

  it('returns a null body for HEAD and bodiless statuses, as Fetch requires', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: scope.path === '/304' ? 304 : 200 });
      await send({ type: 'http.response.body', body: 'ignored' });
    };
    const handler = toFetchHandler(app, { logger: silent });
    const head = await handler(new Request('http://a.test/', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const notModified = await handler(new Request('http://a.test/304'));
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();
    await handler.shutdown();
  });

  it('tells the app when the client goes away: the Request signal aborts or the host cancels the body', async () => {
    const seen: string[] = [];
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      try {
        for (;;) await send({ type: 'http.response.body', body: 'tick', more: true });
      } catch (error) {
        seen.push(
          `${isClientDisconnected(error)} ${scope.signal.aborted} ${JSON.stringify(await receive())}`,
        );
        throw error;
      }
    };
    const handler = toFetchHandler(app, { logger: silent });
    const controller = new AbortController();
    const aborted = await handler(new Request('http://a.test/', { signal: controller.signal }));
    const reader = (aborted.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    controller.abort();
    // The host said its client left: the body ends quietly (an errored stream made hosts such as
    // @hono/node-server print the ClientDisconnectedError's stack on every closed tab).
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    const cancelled = await handler(new Request('http://a.test/'));
    await (cancelled.body as ReadableStream<Uint8Array>).cancel();
    await handler.shutdown();
    const expected = 'true true {"type":"http.disconnect","reason":"client-closed"}';
    expect(seen).toEqual([expected, expected]);
  });

  it('serves http.response.file by reading the file in chunks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'flagon-fetch-'));
    const path = join(dir, 'page.html');
    await writeFile(path, '<h1>hello</h1>');
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/html']] });
      await send({ type: 'http.response.file', path, offset: 4, length: 5 });
    };
    const handler = toFetchHandler(app, { logger: silent });
    expect(await (await handler(new Request('http://a.test/'))).text()).toBe('hello');
    await handler.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the request body of a real POST with shout', async () => {
    const handler = toFetchHandler(shout, { logger: silent });
    const res = await handler(new Request('http://a.test/', { method: 'POST', body: 'quiet please' }));
    expect(await res.text()).toBe('QUIET PLEASE');
    await handler.shutdown();
  });
});
