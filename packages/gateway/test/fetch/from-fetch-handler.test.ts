import type { App, LifespanScope, Scope } from '@flagon/gateway';
import { createMemoryTransport, fromFetchHandler, isClientDisconnected } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { captureLogger, deferred, eventually, fetchOutcome, listenWith } from '../node/helpers.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What `promise` resolved with, or 'timed out' after `ms`: a hang fails the test quickly. */
function within<T>(promise: Promise<T>, ms = 1_000): Promise<T | 'timed out'> {
  return Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(resolve, ms, 'timed out'))]);
}

/** A Response body that never ends, counting what it produced and recording why it was cancelled. */
function endlessBody(): {
  body: ReadableStream<Uint8Array>;
  produced: () => number;
  cancelled: () => unknown;
} {
  let produced = 0;
  let cancelled: unknown = 'not cancelled';
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      produced++;
      controller.enqueue(encoder.encode('data: tick\n\n'));
    },
    cancel(reason) {
      cancelled = reason;
    },
  });
  return { body, produced: () => produced, cancelled: () => cancelled };
}

describe('fromFetchHandler', () => {
  it('builds the Request URL from scheme, host header, rootPath, rawPath and query', async () => {
    let seen: Request | undefined;
    const app = fromFetchHandler((request) => {
      seen = request;
      return new Response('ok');
    });
    const transport = createMemoryTransport(app, { scheme: 'https', rootPath: '/shop' });
    const res = await transport.request({
      path: '/caf%C3%A9/x?q=1',
      headers: { host: 'store.test:8443', 'X-Trace': 'abc' },
    });
    expect(await res.text()).toBe('ok');
    expect(seen?.url).toBe('https://store.test:8443/shop/caf%C3%A9/x?q=1');
    expect(seen?.method).toBe('GET');
    expect(seen?.headers.get('x-trace')).toBe('abc');
    await transport.close();
  });

  it('falls back on the server address when the request has no host header', async () => {
    let url: string | undefined;
    const app = fromFetchHandler((request) => {
      url = request.url;
      return new Response(null, { status: 204 });
    });
    // The memory transport adds a host header like any client; strip it on the way in to see the fallback.
    const withoutHost: App = (scope, receive, send) =>
      app(
        scope.type === 'http' ? { ...scope, headers: scope.headers.filter(([n]) => n !== 'host') } : scope,
        receive,
        send,
      );
    const transport = createMemoryTransport(withoutHost, { server: { host: '::1', port: 8080 } });
    await (await transport.request({ path: '/p' })).completed;
    expect(url).toBe('http://[::1]:8080/p');
    await transport.close();
  });

  it('streams the request body from receive into the Request, as the handler reads it', async () => {
    const app = fromFetchHandler(async (request) => {
      const chunks: string[] = [];
      const reader = (request.body as ReadableStream<Uint8Array>).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(decoder.decode(value));
      }
      return Response.json({ method: request.method, chunks });
    });
    const transport = createMemoryTransport(app);
    const res = await transport.request({ method: 'PUT', path: '/', body: ['one', 'two'] });
    expect(await res.json()).toEqual({ method: 'PUT', chunks: ['one', 'two'] });
    await transport.close();
  });

  it('sends the Response head with repeated headers, then its body chunk by chunk', async () => {
    const app = fromFetchHandler(() => {
      const headers = new Headers([
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['content-type', 'text/plain'],
      ]);
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (++n <= 3) controller.enqueue(encoder.encode(`chunk${n}`));
          else controller.close();
        },
      });
      return new Response(body, { status: 201, headers });
    });
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(res.status).toBe(201);
    expect(res.headers.filter(([name]) => name === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    const chunks: string[] = [];
    for await (const chunk of res.body) chunks.push(decoder.decode(chunk));
    expect(chunks).toEqual(['chunk1', 'chunk2', 'chunk3']);
    await transport.close();
  });

  it('cancels the Response body and aborts the Request signal when the client goes away', async () => {
    let cancelled: unknown;
    let requestSignal: AbortSignal | undefined;
    const app = fromFetchHandler((request) => {
      requestSignal = request.signal;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(encoder.encode('data: tick\n\n'));
        },
        cancel(reason) {
          cancelled = reason;
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/events' });
    let events = 0;
    for await (const _ of res.body) if (++events === 3) break;
    await res.completed;
    expect(isClientDisconnected(cancelled)).toBe(true);
    expect(requestSignal?.aborted).toBe(true);
    expect(res.error).toBeUndefined();
    await transport.close();
  });

  it('answers 500 when the handler throws, and cuts the response when its body stream fails', async () => {
    const app = fromFetchHandler((request) => {
      if (request.url.endsWith('/throw')) throw new Error('handler bug');
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('partial'));
          controller.error(new Error('stream bug'));
        },
      });
      return new Response(body);
    });
    const transport = createMemoryTransport(app);
    const thrown = await transport.request({ path: '/throw' });
    expect(thrown.status).toBe(500);
    expect((thrown.error as Error).message).toBe('handler bug');
    const broken = await transport.request({ path: '/stream' });
    expect(broken.status).toBe(200);
    await expect(broken.text()).rejects.toThrow('stream bug');
    await transport.close();
  });

  it('declines the lifespan politely and rejects unknown scope types', async () => {
    const app = fromFetchHandler(() => new Response('unused'));
    const lifespan: LifespanScope = { type: 'lifespan', gateway: { version: '1.0' }, state: {} };
    const never = () => new Promise<never>(() => {});
    await expect(app(lifespan, never, never)).resolves.toBeUndefined();
    const websocket = { type: 'websocket' } as unknown as Scope;
    await expect(app(websocket, never, never)).rejects.toThrow(TypeError);
    const transport = createMemoryTransport(app);
    await expect(transport.open()).resolves.toBeUndefined();
    await transport.close();
  });

  it('cancels the Response body when the client left before the start', async () => {
    const release = deferred();
    const stream = endlessBody();
    let called = false;
    const app = fromFetchHandler(async () => {
      called = true;
      await release.promise; // say, a slow database query
      return new Response(stream.body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const transport = createMemoryTransport(app);
    const client = new AbortController();
    const pending = transport.request({ path: '/events', signal: client.signal });
    await eventually(() => called);
    client.abort();
    await expect(pending).rejects.toSatisfy(isClientDisconnected);
    release.resolve();
    await eventually(() => stream.cancelled() !== 'not cancelled', 1_000);
    expect(isClientDisconnected(stream.cancelled())).toBe(true);
    await transport.close();
  });

  it('answers HEAD with the head alone, cancelling the body instead of reading it forever', async () => {
    const stream = endlessBody();
    const app = fromFetchHandler(() => new Response(stream.body, { headers: { 'x-kind': 'stream' } }));
    const transport = createMemoryTransport(app);
    const res = await transport.request({ method: 'HEAD', path: '/stream' });
    expect(res.status).toBe(200);
    expect(res.header('x-kind')).toBe('stream');
    expect(await within(res.completed.then(() => 'completed'))).toBe('completed');
    expect(await res.text()).toBe('');
    expect(stream.produced()).toBeLessThanOrEqual(1);
    expect(stream.cancelled()).toBeUndefined();
    await transport.close();
  });

  it.each([
    'shop.test/admin?',
    'shop.test/admin#',
    'x@shop.test/admin/delete?',
    'shop.test\\admin',
    'shop.test admin',
  ])('does not let the host header %j change the path', async (host) => {
    let url: string | undefined;
    const app = fromFetchHandler((request) => {
      url = request.url;
      return new Response('ok');
    });
    const transport = createMemoryTransport(app, { server: { host: '10.0.0.1', port: 8080 } });
    const res = await transport.request({ path: '/public/page?x=1', headers: { host } });
    expect(await res.text()).toBe('ok');
    expect(url).toBe('http://10.0.0.1:8080/public/page?x=1');
    await transport.close();
  });

  it.each([
    ['/public/../admin', ''],
    ['/public/%2e%2e/admin', ''],
    ['/public/.%2E/admin', ''],
    ['/public/..\\admin', ''],
    ['/public/./page', ''],
    ['/..', '/shop'],
  ])(
    'answers 400 for %j (rootPath %j), which the URL parser would rewrite, without the handler',
    async (path, rootPath) => {
      let called = false;
      const logger = captureLogger('debug');
      const serverLog = captureLogger('debug');
      const app = fromFetchHandler(
        () => {
          called = true;
          return new Response('handler');
        },
        { logger },
      );
      const transport = createMemoryTransport(app, { rootPath, logger: serverLog });
      const res = await transport.request({ path });
      expect(res.status).toBe(400);
      expect(res.header('content-type')).toBe('text/plain; charset=utf-8');
      expect(await res.text()).toBe('Bad Request');
      expect(called).toBe(false);
      expect(logger.text()).toMatch(/DEBUG GET .*answered 400/);
      expect(serverLog.text()).not.toContain('ERROR');
      await transport.close();
    },
  );

  it('hands the handler every path the URL parser keeps as sent', async () => {
    const seen: string[] = [];
    const app = fromFetchHandler((request) => {
      seen.push(new URL(request.url).pathname);
      return new Response('ok');
    });
    const transport = createMemoryTransport(app, { rootPath: '/app' });
    const paths = ['/a%2e%2eb', '/..a/b..', '//twice', '/a%2Fb', '/caf%C3%A9', '/[x]^|', '/a%2e'];
    for (const path of paths) expect((await transport.request({ path })).status).toBe(200);
    expect(seen).toEqual(paths.map((path) => `/app${path}`));
    await transport.close();
  });

  it('answers 501 for a method Fetch forbids and 400 for a request it refuses, never an error', async () => {
    let called = 0;
    const logger = captureLogger('debug');
    const serverLog = captureLogger('debug');
    const app = fromFetchHandler(
      () => {
        called++;
        return new Response('handler');
      },
      { logger },
    );
    const transport = createMemoryTransport(app, { logger: serverLog });
    for (const method of ['TRACE', 'CONNECT', 'TRACK']) {
      const res = await transport.request({ method, path: '/' });
      expect([res.status, res.header('content-type'), await res.text()]).toEqual([
        501,
        'text/plain; charset=utf-8',
        'Not Implemented',
      ]);
    }
    const badPort = await transport.request({ path: '/', headers: { host: 'shop.test:99999' } });
    expect([badPort.status, await badPort.text()]).toEqual([400, 'Bad Request']);
    expect(called).toBe(0);
    expect(logger.lines.filter((line) => line.startsWith('[flagon] DEBUG'))).toHaveLength(4);
    expect(logger.text()).toMatch(/DEBUG TRACE \/: .*answered 501/);
    expect(serverLog.text()).not.toContain('ERROR');
    await transport.close();
  });

  it('sends a body read in one chunk as one final event, so the Node bridge sends Content-Length', async () => {
    const app = fromFetchHandler((request) => {
      if (request.url.endsWith('/whole')) return new Response('hello world', { headers: { 'x-a': '1' } });
      const parts = ['one ', 'two ', 'three'];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const part = parts.shift();
          if (part === undefined) controller.close();
          else controller.enqueue(encoder.encode(part));
        },
      });
      return new Response(body);
    });
    const server = await listenWith(app);
    try {
      const whole = await fetchOutcome(`${server.url}/whole`);
      expect(whole.headers['content-length']).toBe('11');
      expect(whole.headers['transfer-encoding']).toBeUndefined();
      expect([whole.body, whole.complete]).toEqual(['hello world', true]);
      const streamed = await fetchOutcome(`${server.url}/streamed`);
      expect(streamed.headers['transfer-encoding']).toBe('chunked');
      expect([streamed.body, streamed.complete]).toEqual(['one two three', true]);
    } finally {
      await server.close();
    }
  });

  it('sends a chunk at once when the stream is slow to follow it, and waits for the client to read', async () => {
    const firstRead = deferred();
    let pulls = 0;
    const app = fromFetchHandler(() => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode('event: hello\n\n'));
        },
        async pull(controller) {
          if (++pulls === 1) await firstRead.promise; // the next event waits for the client to see this one
          controller.enqueue(encoder.encode(`data: ${pulls}\n\n`));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/events' });
    const chunks = res.body[Symbol.asyncIterator]();
    const first = await within(chunks.next());
    expect(first === 'timed out' ? first : decoder.decode(first.value)).toBe('event: hello\n\n');
    firstRead.resolve();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulls).toBeLessThanOrEqual(4); // the client read one chunk: production waits for it
    await chunks.return?.();
    await res.completed;
    await transport.close();
  });
});
