import type { App, MemoryRequest } from '@flagon/gateway';
import {
  createLogger,
  createMemoryTransport,
  fromFetchHandler,
  isClientDisconnected,
  toFetchHandler,
} from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

const decoder = new TextDecoder();
const silent = createLogger('silent');

/** A small app with one route per behaviour the round trip must keep. */
const app: App = async (scope, receive, send) => {
  if (scope.type !== 'http') return;
  switch (scope.path) {
    case '/cookies':
      await send({
        type: 'http.response.start',
        status: 201,
        headers: [
          ['content-type', 'text/plain'],
          ['set-cookie', 'session=abc; HttpOnly'],
          ['set-cookie', 'theme=dark'],
        ],
      });
      await send({ type: 'http.response.body', body: 'created' });
      return;
    case '/echo': {
      // Answers every request chunk with a response chunk at once: streaming both ways.
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'application/octet-stream']],
      });
      for (;;) {
        const event = await receive();
        if (event.type !== 'http.request') throw new Error(`unexpected ${event.type}`);
        if (event.body.byteLength > 0)
          await send({ type: 'http.response.body', body: event.body, more: true });
        if (!event.more) break;
      }
      await send({ type: 'http.response.body' });
      return;
    }
    case '/fail-early':
      throw new Error('fails before the start');
    case '/fail-late':
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      throw new Error('fails after the start');
    case '/wait-for-disconnect': {
      await send({ type: 'http.response.start', status: 200 });
      await receive();
      const event = await receive();
      disconnects.push(event.type === 'http.disconnect' ? event.reason : event.type);
      return;
    }
    default:
      await send({ type: 'http.response.start', status: 404 });
      await send({ type: 'http.response.body', body: 'not found' });
  }
};
const disconnects: string[] = [];

/** The app served directly, and the same app through toFetchHandler and back through fromFetchHandler. */
function bothWays() {
  return {
    direct: createMemoryTransport(app),
    roundTrip: createMemoryTransport(fromFetchHandler(toFetchHandler(app, { logger: silent }))),
  };
}

async function observe(transport: ReturnType<typeof createMemoryTransport>, request: MemoryRequest) {
  const res = await transport.request(request);
  const body = await res.text().catch((error: Error) => `body failed: ${error.message}`);
  return {
    status: res.status,
    contentType: res.header('content-type'),
    cookies: res.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value),
    body,
  };
}

describe('fromFetchHandler(toFetchHandler(app)) behaves like app', () => {
  it('keeps status, headers and two set-cookie headers', async () => {
    const { direct, roundTrip } = bothWays();
    const request = { path: '/cookies' };
    const expected = await observe(direct, request);
    expect(expected).toEqual({
      status: 201,
      contentType: 'text/plain',
      cookies: ['session=abc; HttpOnly', 'theme=dark'],
      body: 'created',
    });
    expect(await observe(roundTrip, request)).toEqual(expected);
    expect(await observe(roundTrip, { path: '/nowhere' })).toEqual(
      await observe(direct, { path: '/nowhere' }),
    );
    await Promise.all([direct.close(), roundTrip.close()]);
  });

  it('streams both ways: each request chunk comes back before the next one is sent', async () => {
    for (const transport of Object.values(bothWays())) {
      let echoed = 0;
      let wake: () => void = () => {};
      async function* body() {
        for (let i = 1; i <= 3; i++) {
          yield `chunk ${i};`;
          // The next chunk is only produced once this one was echoed: a buffering layer would deadlock.
          while (echoed < i) await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      const res = await transport.request({ method: 'POST', path: '/echo', body: body() });
      const received: string[] = [];
      for await (const chunk of res.body) {
        received.push(decoder.decode(chunk));
        echoed++;
        wake();
      }
      expect(received).toEqual(['chunk 1;', 'chunk 2;', 'chunk 3;']);
      await transport.close();
    }
  });

  it('carries a large body intact', async () => {
    const size = 4 * 1024 * 1024 + 17;
    const payload = new Uint8Array(size);
    for (let i = 0; i < size; i++) payload[i] = (i * 31 + 7) & 0xff;
    const { direct, roundTrip } = bothWays();
    for (const transport of [direct, roundTrip]) {
      const res = await transport.request({ method: 'POST', path: '/echo', body: payload });
      const echoed = await res.bytes();
      expect(echoed.byteLength).toBe(size);
      expect(Buffer.compare(echoed, payload)).toBe(0);
      await transport.close();
    }
  });

  it('answers 500 for an app failing before the start, and cuts the body for one failing after', async () => {
    const { direct, roundTrip } = bothWays();
    const early = await observe(direct, { path: '/fail-early' });
    expect(early).toMatchObject({ status: 500, body: 'Internal Server Error' });
    expect(await observe(roundTrip, { path: '/fail-early' })).toEqual(early);
    for (const transport of [direct, roundTrip]) {
      const late = await transport.request({ path: '/fail-late' });
      expect(late.status).toBe(200);
      await expect(late.text()).rejects.toThrow();
      await late.completed;
      expect(late.error).toBeInstanceOf(Error);
    }
    await Promise.all([direct.close(), roundTrip.close()]);
  });

  it('passes a client disconnect through to the app inside', async () => {
    disconnects.length = 0;
    for (const transport of Object.values(bothWays())) {
      const res = await transport.request({ path: '/wait-for-disconnect' });
      const reading = res.text();
      res.disconnect();
      await expect(reading).rejects.toSatisfy(isClientDisconnected);
      await transport.close();
    }
    expect(disconnects).toEqual(['client-closed', 'client-closed']);
  });
});
