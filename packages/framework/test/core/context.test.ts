import { describe, expect, it } from 'vitest';
import { Flagon } from '../../src/index.js';
import { serve } from './helpers.js';

describe('the context', () => {
  it('hands waitUntil tasks to the server when it offers them: the response does not wait', async () => {
    let release!: () => void;
    const task = new Promise<void>((resolve) => {
      release = resolve;
    });
    let done = false;
    const app = new Flagon();
    app.get('/', (c) => {
      c.waitUntil(task.then(() => (done = true)));
      return 'sent';
    });
    const t = await serve(app);
    const res = await t.request({ path: '/' });
    expect(await res.text()).toBe('sent');
    await res.completed;
    expect(done).toBe(false);
    release();
    await t.tasks();
    expect(done).toBe(true);
  });

  it('awaits waitUntil tasks before the request ends when the server keeps none, logging failures', async () => {
    const lines: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn() {},
      error: (m: string, e: unknown) => lines.push(`${m} ${(e as Error).message}`),
    };
    const order: string[] = [];
    const app = new Flagon({ logger });
    app.teardown(() => {
      order.push('teardown');
    });
    app.get('/', (c) => {
      c.waitUntil(Promise.resolve().then(() => order.push('task')));
      c.waitUntil(Promise.reject(new Error('mail down')));
      return 'sent';
    });
    const res = await (await serve(app, { extensions: { tasks: false } })).request({ path: '/' });
    expect(await res.text()).toBe('sent');
    await res.completed;
    expect(order).toEqual(['task', 'teardown']);
    expect(lines).toEqual(['GET /: a waitUntil task failed mail down']);
  });

  it('sends early hints only when the server offers them', async () => {
    const app = new Flagon();
    app.get('/', async (c) => ({ sent: await c.earlyHints(['</app.css>; rel=preload; as=style']) }));
    const offered = await (await serve(app)).request({ path: '/' });
    expect(offered.earlyHints).toEqual([[['link', '</app.css>; rel=preload; as=style']]]);
    expect(await offered.json()).toEqual({ sent: true });
    const absent = await (await serve(app, { extensions: { earlyHints: false } })).request({ path: '/' });
    expect(absent.earlyHints).toEqual([]);
    expect(await absent.json()).toEqual({ sent: false });
  });

  it('exposes the gateway signals: c.signal aborts when the client leaves', async () => {
    let handlerStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      handlerStarted = resolve;
    });
    let reason: unknown;
    const app = new Flagon();
    app.post('/wait', async (c) => {
      c.signal.addEventListener('abort', () => {
        reason = c.signal.reason;
      });
      handlerStarted();
      await c.request.text();
      return 'never';
    });
    const controller = new AbortController();
    const pending = (await serve(app)).request({
      method: 'POST',
      path: '/wait',
      signal: controller.signal,
      body: (async function* () {
        yield 'a';
        await new Promise(() => {});
      })(),
    });
    await started;
    controller.abort();
    await expect(pending).rejects.toThrow(/client disconnected/);
    expect((reason as Error).name).toBe('ClientDisconnectedError');
  });
});
