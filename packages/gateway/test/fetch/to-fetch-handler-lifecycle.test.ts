// toFetchHandler around the requests: lifespan, waitUntil tasks, the drain notice and its deadline.
import type { App } from '@flagon/gateway';
import { createLogger, LifespanStartupError, toFetchHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { gate, silent, ticks } from './test-helpers.js';

describe('toFetchHandler: lifespan, tasks and drain', () => {
  describe('lifespan', () => {
    const lifespanApp = (events: string[], fail = false): App => {
      return async (scope, receive, send) => {
        if (scope.type === 'lifespan') {
          events.push((await receive()).type);
          if (fail) return send({ type: 'lifespan.startup.failed', message: 'no cache' });
          scope.state.greeting = 'hello';
          await send({ type: 'lifespan.startup.complete' });
          events.push((await receive()).type);
          await send({ type: 'lifespan.shutdown.complete' });
          return;
        }
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body', body: String(scope.state.greeting) });
      };
    };

    it('starts lazily on the first request, once, and shuts down on shutdown()', async () => {
      const events: string[] = [];
      const handler = toFetchHandler(lifespanApp(events), { logger: silent });
      expect(events).toEqual([]);
      const [a, b] = await Promise.all([
        handler(new Request('http://a.test/')),
        handler(new Request('http://a.test/')),
      ]);
      expect([await a.text(), await b.text()]).toEqual(['hello', 'hello']);
      expect(events).toEqual(['lifespan.startup']);
      await handler.shutdown();
      expect(events).toEqual(['lifespan.startup', 'lifespan.shutdown']);
      const after = await handler(new Request('http://a.test/'));
      expect(after.status).toBe(503);
    });

    it('says at info, without a stack, that an app throwing for lifespan has none', async () => {
      const lines: string[] = [];
      const httpOnly: App = async (scope, _receive, send) => {
        if (scope.type !== 'http') throw new Error(`unsupported scope ${scope.type}`);
        await send({ type: 'http.response.start', status: 204 });
        await send({ type: 'http.response.body', body: '' });
      };
      const handler = toFetchHandler(httpOnly, { logger: createLogger('info', (line) => lines.push(line)) });
      expect((await handler(new Request('http://a.test/'))).status).toBe(204);
      await handler.shutdown();
      // Once the whole stack at info: a green test run and every http-only app's start printed a trace.
      expect(lines).toEqual([
        '[flagon] INFO lifespan: not supported by the app (unsupported scope lifespan)\n',
      ]);
    });

    it('rejects startup() with the app message, and answers 500 to requests', async () => {
      const lines: string[] = [];
      const handler = toFetchHandler(lifespanApp([], true), {
        logger: createLogger('error', (line) => lines.push(line)),
      });
      await expect(handler.startup()).rejects.toBeInstanceOf(LifespanStartupError);
      const res = await handler(new Request('http://a.test/'));
      expect(res.status).toBe(500);
      expect(lines.join('')).toMatch(/LifespanStartupError: no cache/);
      await handler.shutdown();
    });
  });

  describe('tasks', () => {
    const taskApp =
      (task: Promise<unknown>): App =>
      async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        scope.extensions.tasks?.waitUntil(task);
        await send({ type: 'http.response.start', status: 202 });
        await send({ type: 'http.response.body' });
      };

    it("hands waitUntil tasks to the host's context.waitUntil when it has one", async () => {
      const given: Promise<unknown>[] = [];
      const handler = toFetchHandler(taskApp(Promise.resolve('done')), { logger: silent });
      const res = await handler(new Request('http://a.test/'), { waitUntil: (task) => given.push(task) });
      expect(res.status).toBe(202);
      expect(given).toHaveLength(1);
      await handler.shutdown();
    });

    it('keeps them itself otherwise, and shutdown waits for them', async () => {
      const task = gate();
      let finished = false;
      const handler = toFetchHandler(taskApp(task.opened.then(() => (finished = true))), { logger: silent });
      await (await handler(new Request('http://a.test/'))).text();
      let shutDown = false;
      const shutting = handler.shutdown().then(() => (shutDown = true));
      await ticks(5);
      expect(shutDown).toBe(false);
      task.open();
      await shutting;
      expect(finished).toBe(true);
    });
  });

  it('cuts a request that arrives after the drain deadline passed, before shutdown runs lifespan shutdown', async () => {
    const events: string[] = [];
    const app: App = async (scope, receive, send) => {
      if (scope.type === 'lifespan') {
        await receive();
        await send({ type: 'lifespan.startup.complete' });
        await receive();
        events.push('lifespan shutdown');
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
      events.push(`request, signal aborted: ${scope.signal.aborted}`);
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'late' });
    };
    const handler = toFetchHandler(app, { logger: silent });
    await handler.startup();
    handler.drain({ deadline: Date.now() + 20 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    const late = await handler(new Request('http://a.test/'));
    await handler.shutdown();
    // Once served under a shutting-down lifespan (the db pool closed), now refused as the deadline says.
    expect([late.status, events]).toEqual([503, ['request, signal aborted: true', 'lifespan shutdown']]);
  });

  it('gives in-flight requests the drain notice on drain()', async () => {
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      const event = await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: `${event.type} ${scope.drain.aborted}` });
    };
    const handler = toFetchHandler(app, { logger: silent });
    const pending = handler(new Request('http://a.test/'));
    await ticks(2);
    handler.drain();
    expect(await (await pending).text()).toBe('http.drain true');
    await handler.shutdown();
  });
});
