import type { App, ReceiveEvent } from '@flagon/gateway';
import {
  createLogger,
  createMemoryTransport,
  isClientDisconnected,
  LifespanStartupError,
} from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('memory transport: lifespan', () => {
  it('runs startup on open, copies its state into each request, and shutdown on close', async () => {
    const events: string[] = [];
    const app: App = async (scope, receive, send) => {
      if (scope.type === 'lifespan') {
        events.push((await receive()).type);
        scope.state.db = 'connected';
        await send({ type: 'lifespan.startup.complete' });
        events.push((await receive()).type);
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
      scope.state.db = 'changed by a request';
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: String(scope.state.seed) });
    };
    const state: Record<string, unknown> = { seed: 'from options' };
    const transport = createMemoryTransport(app, { state });
    await transport.open();
    expect(events).toEqual(['lifespan.startup']);
    expect(await (await transport.request({ path: '/' })).text()).toBe('from options');
    expect(state.db).toBe('connected');
    await transport.close();
    expect(events).toEqual(['lifespan.startup', 'lifespan.shutdown']);
    await expect(transport.request({ path: '/' })).rejects.toThrow('the transport is closed');
  });

  it('rejects open with LifespanStartupError and the app message when startup fails', async () => {
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'lifespan') return;
      await receive();
      await send({ type: 'lifespan.startup.failed', message: 'no database' });
    };
    const transport = createMemoryTransport(app);
    const opening = transport.open();
    await expect(opening).rejects.toBeInstanceOf(LifespanStartupError);
    await expect(opening).rejects.toThrow('no database');
    await expect(transport.request({ path: '/' })).rejects.toThrow('no database');
    await transport.close();
  });

  it('starts the lifespan on the first request when open was not called', async () => {
    let started = 0;
    const app: App = async (scope, receive, send) => {
      if (scope.type === 'lifespan') {
        await receive();
        started++;
        await send({ type: 'lifespan.startup.complete' });
        await receive();
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
    };
    const transport = createMemoryTransport(app);
    await Promise.all([transport.request({ path: '/' }), transport.request({ path: '/' })]);
    expect(started).toBe(1);
    await transport.close();
  });
});

describe('memory transport: drain', () => {
  it('gives in-flight requests the drain notice after their body, and aborts scope.drain', async () => {
    const seen: ReceiveEvent[] = [];
    let drainAborted: boolean | undefined;
    const inside = gate();
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      inside.open();
      for (;;) {
        const event = await receive();
        seen.push(event);
        if (event.type !== 'http.request') break;
      }
      drainAborted = scope.drain.aborted;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'bye' });
    };
    const transport = createMemoryTransport(app);
    const rest = gate();
    const body = (async function* () {
      yield 'a';
      await rest.opened;
      yield 'b';
    })();
    const pending = transport.request({ method: 'POST', path: '/', body });
    await inside.opened;
    const deadline = Date.now() + 60_000;
    transport.drain({ deadline });
    // The notice waits for the rest of the body: it never comes before the final chunk.
    rest.open();
    expect(await (await pending).text()).toBe('bye');
    const types = seen.map((event) =>
      event.type === 'http.request' ? `request more=${event.more}` : event.type,
    );
    expect(types).toEqual(['request more=true', 'request more=true', 'request more=false', 'http.drain']);
    expect(seen.at(-1)).toEqual({ type: 'http.drain', deadline });
    expect(drainAborted).toBe(true);
    await transport.close();
  });

  it('hands requests that start while draining an aborted scope.drain and the notice', async () => {
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      const notice = await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: `${scope.drain.aborted} ${notice.type}` });
    };
    const transport = createMemoryTransport(app);
    transport.drain();
    expect(await (await transport.request({ path: '/' })).text()).toBe('true http.drain');
    await transport.close();
  });

  it('cuts the requests still running at the deadline', async () => {
    let seen: ReceiveEvent | undefined;
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await receive();
      await receive(); // the drain notice; this app ignores it
      seen = await receive();
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    const reading = res.text(); // a client still waiting for the rest of the body
    await transport.close({ deadline: Date.now() + 20 });
    await res.completed;
    expect(seen).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    await expect(reading).rejects.toSatisfy(isClientDisconnected);
  });
});

describe('memory transport: tasks and close', () => {
  it('tracks waitUntil tasks: tasks() waits for them, and a failing one is logged', async () => {
    const lines: string[] = [];
    const task = gate();
    let taskDone = false;
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      scope.extensions.tasks?.waitUntil(task.opened.then(() => (taskDone = true)));
      scope.extensions.tasks?.waitUntil(Promise.reject(new Error('audit log unreachable')));
      await send({ type: 'http.response.start', status: 202 });
      await send({ type: 'http.response.body' });
    };
    const transport = createMemoryTransport(app, {
      logger: createLogger('error', (line) => lines.push(line)),
    });
    const res = await transport.request({ path: '/' });
    await res.completed;
    let tasksSettled = false;
    const waiting = transport.tasks().then(() => (tasksSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(tasksSettled).toBe(false);
    task.open();
    await waiting;
    expect(taskDone).toBe(true);
    expect(lines.join('')).toMatch(/ERROR a waitUntil task failed\nError: audit log unreachable/);
    await transport.close();
  });

  it('close waits for an in-flight request, then its tasks, then shuts the lifespan down', async () => {
    const order: string[] = [];
    const handler = gate();
    const app: App = async (scope, receive, send) => {
      if (scope.type === 'lifespan') {
        await receive();
        await send({ type: 'lifespan.startup.complete' });
        await receive();
        order.push('shutdown');
        await send({ type: 'lifespan.shutdown.complete' });
        return;
      }
      await handler.opened;
      scope.extensions.tasks?.waitUntil(
        new Promise((resolve) => setTimeout(resolve, 5)).then(() => order.push('task')),
      );
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body' });
      order.push('response');
    };
    const transport = createMemoryTransport(app);
    await transport.open();
    const pending = transport.request({ path: '/' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const closing = transport.close();
    handler.open();
    expect((await pending).status).toBe(200);
    await closing;
    expect(order).toEqual(['response', 'task', 'shutdown']);
  });

  it('close hangs up on a response the test never read, so its app is not left waiting', async () => {
    let stopped = false;
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      try {
        await send({ type: 'http.response.body', body: 'nobody reads this', more: true });
        await send({ type: 'http.response.body' });
      } finally {
        stopped = true;
      }
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(res.status).toBe(200);
    await transport.close();
    expect(stopped).toBe(true);
    expect(res.error).toBeUndefined();
  });
});
