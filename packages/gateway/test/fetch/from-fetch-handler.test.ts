import type { App, LifespanScope, Scope } from '@flagon/gateway';
import { createMemoryTransport, fromFetchHandler, isClientDisconnected } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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
});
