// The in-memory transport is a server too: the server-side rules validate() checks (scope, receive events,
// disconnects, drain, lifespan, extensions) must all hold for it, and an app's violation must show up as
// the error a test sees.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  App,
  GatewayValidationError,
  HttpReceiveEvent,
  MemoryTransportOptions,
} from '../../src/index.js';
import { createMemoryTransport, isClientDisconnected, validate } from '../../src/index.js';

/** A memory transport serving `app` through validate(), and the violations it saw. */
function lintedTransport(app: App, options?: MemoryTransportOptions) {
  const violations: GatewayValidationError[] = [];
  const transport = createMemoryTransport(
    validate(app, { onViolation: (error) => violations.push(error) }),
    options,
  );
  return { transport, violations };
}

const start = {
  type: 'http.response.start',
  status: 200,
  headers: [['content-type', 'text/plain']],
} as const;

/** Reads the request body to its end and returns it as text. */
async function readBody(receive: () => Promise<HttpReceiveEvent | { type: string }>): Promise<string> {
  let body = '';
  for (;;) {
    const event = await receive();
    if (event.type !== 'http.request') throw new Error(`body cut short by ${event.type}`);
    const chunk = event as { body: Uint8Array; more: boolean };
    body += new TextDecoder().decode(chunk.body);
    if (!chunk.more) return body;
  }
}

describe('the memory transport under validate()', () => {
  it('delivers a well-formed scope, a chunked body in order, and the response-complete disconnect', async () => {
    let after: unknown;
    const { transport, violations } = lintedTransport(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      const body = await readBody(receive);
      await send(start);
      await send({ type: 'http.response.body', body: `${scope.method} ${scope.path} ${body}` });
      after = await receive();
    });
    const res = await transport.request({ method: 'post', path: '/caf%C3%A9?x=1', body: ['a', 'b', 'c'] });
    expect(await res.text()).toBe('POST /café abc');
    await res.completed;
    expect(after).toEqual({ type: 'http.disconnect', reason: 'response-complete' });
    expect(violations).toEqual([]);
    await transport.close();
  });

  it('reports a client that goes away: disconnect on receive, the signal aborted', async () => {
    let seen: unknown;
    const { transport, violations } = lintedTransport(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await readBody(receive);
      await send(start);
      await send({ type: 'http.response.body', body: 'first', more: true });
      seen = { event: await receive(), aborted: scope.signal.aborted };
    });
    const res = await transport.request({ path: '/stream' });
    const chunks = res.body[Symbol.asyncIterator]();
    expect(new TextDecoder().decode((await chunks.next()).value)).toBe('first');
    res.disconnect();
    await res.completed;
    expect(seen).toEqual({ event: { type: 'http.disconnect', reason: 'client-closed' }, aborted: true });
    expect(res.error).toBeUndefined();
    expect(violations).toEqual([]);
    await transport.close();
  });

  it('rejects a send once the client is gone', async () => {
    let rejection: unknown;
    const { transport, violations } = lintedTransport(async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send(start);
      try {
        for (;;) await send({ type: 'http.response.body', body: 'tick', more: true });
      } catch (error) {
        rejection = error;
      }
    });
    const res = await transport.request({ path: '/ticks' });
    res.disconnect();
    await res.completed;
    expect(isClientDisconnected(rejection)).toBe(true);
    expect(violations).toEqual([]);
    await transport.close();
  });

  it('sends the drain notice once, after the body, with scope.drain aborted', async () => {
    let notice: unknown;
    const { transport, violations } = lintedTransport(async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await readBody(receive);
      await send(start);
      await send({ type: 'http.response.body', body: 'waiting ', more: true });
      notice = { event: await receive(), drainAborted: scope.drain.aborted };
      await send({ type: 'http.response.body', body: 'bye' });
    });
    const res = await transport.request({ path: '/long-poll' });
    const chunks = res.body[Symbol.asyncIterator]();
    await chunks.next();
    transport.drain({ deadline: null });
    expect(new TextDecoder().decode((await chunks.next()).value)).toBe('bye');
    await res.completed;
    expect(notice).toEqual({ event: { type: 'http.drain', deadline: null }, drainAborted: true });
    expect(violations).toEqual([]);
    await transport.close();
  });

  it('runs the lifespan in order and copies its state into each request', async () => {
    const { transport, violations } = lintedTransport(async (scope, receive, send) => {
      if (scope.type === 'lifespan') {
        await receive();
        scope.state.greeting = 'hi';
        await send({ type: 'lifespan.startup.complete' });
        await receive();
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
      await send(start);
      await send({ type: 'http.response.body', body: String(scope.state.greeting) });
    });
    await transport.open();
    expect(await (await transport.request({ path: '/' })).text()).toBe('hi');
    await transport.close();
    expect(violations).toEqual([]);
  });

  describe('extensions', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'flagon-validate-'));
      await writeFile(join(dir, 'a.txt'), '0123456789');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('takes early hints, a file range, trailers and an after-response task', async () => {
      let taskDone = false;
      const { transport, violations } = lintedTransport(async (scope, receive, send) => {
        if (scope.type !== 'http') return;
        await readBody(receive);
        await send({ type: 'http.response.early_hints', headers: [['link', '</a.css>; rel=preload']] });
        await send({ type: 'http.response.start', status: 200, trailers: true });
        await send({
          type: 'http.response.file',
          path: join(dir, 'a.txt'),
          offset: 2,
          length: 3,
          more: true,
        });
        await send({ type: 'http.response.body', body: '!' });
        await send({ type: 'http.response.trailers', headers: [['x-check', 'ok']] });
        scope.extensions.tasks?.waitUntil(
          Promise.resolve().then(() => {
            taskDone = true;
          }),
        );
      });
      const res = await transport.request({ path: '/all' });
      expect(res.earlyHints).toEqual([[['link', '</a.css>; rel=preload']]]);
      expect(await res.text()).toBe('234!');
      expect(await res.trailers).toEqual([['x-check', 'ok']]);
      await res.completed; // the app hands its task over after its last send
      await transport.tasks();
      expect(taskDone).toBe(true);
      expect(violations).toEqual([]);
      await transport.close();
    });

    it('refuses an extension event the transport was told not to offer', async () => {
      const { transport } = lintedTransport(
        async (_scope, _receive, send) => {
          await send({ type: 'http.response.early_hints', headers: [['link', '</a.css>']] });
        },
        { extensions: { earlyHints: false } },
      );
      const res = await transport.request({ path: '/' });
      expect(res.status).toBe(500);
      await res.completed;
      expect(res.error).toMatchObject({ name: 'GatewayValidationError', rule: 'extension-offered' });
      await transport.close();
    });
  });

  it('turns an app violation before the start into a 500 whose error names the rule', async () => {
    const { transport } = lintedTransport(async (_scope, _receive, send) => {
      await send({ type: 'http.response.start', status: 1000 });
    });
    const res = await transport.request({ path: '/' });
    expect(res.status).toBe(500);
    await res.completed;
    expect((res.error as Error).message).toMatch(/^\[status-range\] http\.response\.start: .*, got 1000$/);
    await transport.close();
  });
});
