import type { App, ReceiveEvent } from '@flagon/gateway';
import { createMemoryTransport } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Answers with the request events it received, as `body-text|more` lines. */
const eventEcho: App = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  const lines: string[] = [];
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') throw new Error(`unexpected ${event.type}`);
    lines.push(`${text(event.body)}|${event.more}`);
    if (!event.more) break;
  }
  await send({ type: 'http.response.start', status: 200 });
  await send({ type: 'http.response.body', body: lines.join('\n') });
};

describe('memory transport: request bodies', () => {
  it('delivers a bodiless request as one empty final chunk', async () => {
    const transport = createMemoryTransport(eventEcho);
    expect(await (await transport.request({ path: '/' })).text()).toBe('|false');
    await transport.close();
  });

  it('delivers a whole body as one final chunk', async () => {
    const transport = createMemoryTransport(eventEcho);
    const res = await transport.request({
      method: 'POST',
      path: '/',
      body: new TextEncoder().encode('héllo'),
    });
    expect(await res.text()).toBe('héllo|false');
    await transport.close();
  });

  it('delivers a chunked body chunk by chunk with more, then an empty final chunk', async () => {
    const transport = createMemoryTransport(eventEcho);
    const res = await transport.request({ method: 'POST', path: '/', body: ['a', '', new Uint8Array([98])] });
    expect(await res.text()).toBe('a|true\nb|true\n|false');
    async function* slow() {
      yield 'x';
      await new Promise((resolve) => setTimeout(resolve, 1));
      yield 'y';
    }
    const streamed = await transport.request({ method: 'POST', path: '/', body: slow() });
    expect(await streamed.text()).toBe('x|true\ny|true\n|false');
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('w'));
        controller.close();
      },
    });
    expect(await (await transport.request({ method: 'POST', path: '/', body: web })).text()).toBe(
      'w|true\n|false',
    );
    await transport.close();
  });

  it('pulls the next chunk only when the app calls receive (backpressure)', async () => {
    const pulled: string[] = [];
    function* body() {
      for (const chunk of ['one', 'two', 'three']) {
        pulled.push(chunk);
        yield chunk;
      }
    }
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstSeen!: () => void;
    const first = new Promise<void>((resolve) => {
      firstSeen = resolve;
    });
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      const events: ReceiveEvent[] = [await receive()];
      firstSeen();
      await gate;
      while (events.at(-1)?.type === 'http.request' && (events.at(-1) as { more: boolean }).more) {
        events.push(await receive());
      }
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: String(events.length) });
    };
    const transport = createMemoryTransport(app);
    const pending = transport.request({ method: 'PUT', path: '/', body: body() });
    await first;
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pulled).toEqual(['one']);
    release();
    expect(await (await pending).text()).toBe('4');
    expect(pulled).toEqual(['one', 'two', 'three']);
    await transport.close();
  });

  it('stops reading the body when the response completes without it', async () => {
    let stopped = false;
    async function* endless() {
      try {
        for (;;) yield 'chunk';
      } finally {
        stopped = true;
      }
    }
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      await send({ type: 'http.response.start', status: 413 });
      await send({ type: 'http.response.body', body: 'too large' });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ method: 'POST', path: '/', body: endless() });
    expect(res.status).toBe(413);
    expect(await res.text()).toBe('too large');
    await res.completed;
    expect(stopped).toBe(true);
    await transport.close();
  });

  it('treats a body source that fails as the client going away', async () => {
    let seen: ReceiveEvent | undefined;
    async function* broken() {
      yield 'start';
      throw new Error('connection reset');
    }
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await receive();
      seen = await receive();
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ method: 'POST', path: '/', body: broken() });
    await res.completed;
    expect(seen).toEqual({ type: 'http.disconnect', reason: 'client-closed' });
    expect(res.error).toBeUndefined();
    await transport.close();
  });
});
