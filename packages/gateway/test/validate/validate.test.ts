// How validate() behaves around the rules: what passes through, where errors surface, what excuses an app.
import { describe, expect, it, vi } from 'vitest';
import type { App, GatewayValidationError, HttpScope, SendEvent } from '../../src/index.js';
import {
  ClientDisconnectedError,
  isGatewayValidationError,
  LifespanStartupError,
  startLifespan,
  validate,
} from '../../src/index.js';
import { BODILESS, fakeServer, httpScope, lifespanScope, rejectionOf } from './fakes.js';

const start = {
  type: 'http.response.start',
  status: 200,
  headers: [['content-type', 'text/plain']],
} as const;

describe('validate: a well-behaved app', () => {
  it('passes the events through unchanged and resolves', async () => {
    const server = fakeServer([{ type: 'http.request', body: new TextEncoder().encode('hi'), more: false }]);
    const seen: unknown[] = [];
    const app: App = async (_scope, receive, send) => {
      seen.push(await receive());
      await send(start);
      await send({ type: 'http.response.body', body: 'a', more: true });
      await send({ type: 'http.response.body', body: new Uint8Array([98]) });
      seen.push(await receive());
    };
    await validate(app)(httpScope(), server.receive, server.send);
    expect(seen).toEqual([
      { type: 'http.request', body: new TextEncoder().encode('hi'), more: false },
      { type: 'http.disconnect', reason: 'response-complete' },
    ]);
    expect(server.sent).toEqual([
      start,
      { type: 'http.response.body', body: 'a', more: true },
      { type: 'http.response.body', body: new Uint8Array([98]) },
    ]);
  });

  it('shows the app the scope the server passed', async () => {
    const scope = httpScope({ method: 'POST', path: '/café', rawPath: '/caf%C3%A9', queryString: 'a=1' });
    let seen: unknown;
    const app: App = async (appScope, receive, send) => {
      seen = appScope;
      await receive();
      await send(start);
      await send({ type: 'http.response.body' });
    };
    const server = fakeServer();
    await validate(app)(scope, server.receive, server.send);
    expect(seen).toMatchObject({ method: 'POST', path: '/café', rawPath: '/caf%C3%A9', queryString: 'a=1' });
    expect(seen).toHaveProperty('signal', scope.signal);
    expect(seen).toHaveProperty('drain', scope.drain);
  });

  it('keeps a scope whose keys are getters over private state readable, extensions included', async () => {
    // Like the Node bridge's scope: every key a prototype getter reading state only the real object has.
    const hidden = new WeakMap<object, HttpScope>();
    const prototype = {};
    const base = httpScope({ headers: [['x-a', '1']], extensions: { tasks: { waitUntil() {} } } });
    for (const key of Object.keys(base)) {
      Object.defineProperty(prototype, key, {
        get: function (this: object) {
          return hidden.get(this)?.[key as keyof HttpScope];
        },
      });
    }
    const scope = Object.create(prototype) as HttpScope;
    hidden.set(scope, base);
    let seen: unknown;
    const app: App = async (appScope, receive, send) => {
      if (appScope.type !== 'http') return;
      seen = {
        headers: appScope.headers,
        state: appScope.state,
        tasks: typeof appScope.extensions.tasks?.waitUntil,
      };
      await receive();
      await send(start);
      await send({ type: 'http.response.body' });
    };
    const server = fakeServer();
    await validate(app)(scope, server.receive, server.send);
    expect(seen).toEqual({ headers: [['x-a', '1']], state: {}, tasks: 'function' });
  });

  it('accepts every extension event the server offers, in order', async () => {
    const waitUntil = vi.fn();
    const scope = httpScope({ extensions: { trailers: {}, file: {}, earlyHints: {}, tasks: { waitUntil } } });
    const task = Promise.resolve('audit');
    const events: SendEvent[] = [
      { type: 'http.response.early_hints', headers: [['link', '</a.css>; rel=preload']] },
      { type: 'http.response.start', status: 200, trailers: true },
      { type: 'http.response.file', path: '/srv/a.txt', offset: 0, length: 3, more: true },
      { type: 'http.response.body', body: '' },
      { type: 'http.response.trailers', headers: [['x-sum', '1']], more: true },
      { type: 'http.response.trailers', headers: [['x-count', '2']] },
    ];
    const app: App = async (appScope, receive, send) => {
      await receive();
      for (const event of events) await send(event);
      if (appScope.type === 'http') appScope.extensions.tasks?.waitUntil(task);
    };
    const server = fakeServer();
    await validate(app)(scope, server.receive, server.send);
    expect(server.sent).toEqual(events);
    expect(waitUntil).toHaveBeenCalledWith(task);
  });

  it('passes an app error through unchanged when no rule was broken', async () => {
    const boom = new Error('boom');
    const server = fakeServer();
    const error = await rejectionOf(
      validate(async () => {
        throw boom;
      })(httpScope(), server.receive, server.send),
    );
    expect(error).toBe(boom);
  });

  it('lets the server reject a send with ClientDisconnectedError, and the app return without a response after', async () => {
    const controller = new AbortController();
    const scope = httpScope({ signal: controller.signal });
    const app: App = async (_scope, _receive, send) => {
      await send(start).catch(() => {});
    };
    const send = async () => {
      controller.abort(new ClientDisconnectedError('client-closed'));
      throw new ClientDisconnectedError('client-closed');
    };
    await expect(validate(app)(scope, fakeServer().receive, send)).resolves.toBeUndefined();
  });

  it('excuses an app that stops once receive said the client is gone', async () => {
    const controller = new AbortController();
    const server = fakeServer();
    const script = [BODILESS, { type: 'http.disconnect', reason: 'client-closed' } as const];
    const receive = async () => {
      const event = script.shift()!;
      if (event.type === 'http.disconnect') controller.abort(new ClientDisconnectedError('client-closed'));
      return event;
    };
    const app: App = async (_scope, appReceive, send) => {
      await appReceive();
      await send(start);
      await appReceive(); // the client left mid-response
    };
    const scope = httpScope({ signal: controller.signal });
    await expect(validate(app)(scope, receive, server.send)).resolves.toBeUndefined();
  });
});

describe('validate: where a violation surfaces', () => {
  it('throws an app mistake from the send call that made it, with the app in the stack, and keeps it from the server', async () => {
    const server = fakeServer();
    let thrown: unknown;
    async function appWithBadStatus(
      _scope: unknown,
      _receive: unknown,
      send: (e: SendEvent) => Promise<void>,
    ) {
      try {
        await send({ type: 'http.response.start', status: 1000 });
      } catch (error) {
        thrown = error; // swallowed: the wrapped app must still reject with it
      }
      await send(start);
      await send({ type: 'http.response.body', body: 'fine' });
    }
    const error = await rejectionOf(
      validate(appWithBadStatus as App)(httpScope(), server.receive, server.send),
    );
    expect(error).toBe(thrown);
    expect(isGatewayValidationError(error) && error.rule).toBe('status-range');
    expect(error.stack).toContain('appWithBadStatus');
    expect(server.sent.map((event) => event.type)).toEqual(['http.response.start', 'http.response.body']);
    expect(server.sent[0]).toEqual(start);
  });

  it('throws a server mistake to the app from receive, blamed on the server', async () => {
    const server = fakeServer([{ type: 'http.request', body: 'not bytes', more: false }]);
    let caught: unknown;
    const app: App = async (_scope, receive, send) => {
      await receive().catch((error: unknown) => {
        caught = error;
      });
      await send(start);
      await send({ type: 'http.response.body' });
    };
    const error = await rejectionOf(validate(app)(httpScope(), server.receive, server.send));
    expect(error).toBe(caught);
    expect(error).toMatchObject({ rule: 'request-body-type', by: 'server' });
  });

  it('rejects a bad scope at once, without calling the app', async () => {
    const app = vi.fn<App>(async () => {});
    const server = fakeServer();
    const error = await rejectionOf(validate(app)(httpScope({ method: 'get' }), server.receive, server.send));
    expect(error).toMatchObject({ rule: 'method-token', by: 'server' });
    expect(app).not.toHaveBeenCalled();
  });

  it('rejects with the first violation when the app then fails with an error of its own', async () => {
    const server = fakeServer();
    const app: App = async (_scope, _receive, send) => {
      await send({ type: 'http.response.body', body: 'early' }).catch(() => {});
      throw new Error('later trouble');
    };
    const error = await rejectionOf(validate(app)(httpScope(), server.receive, server.send));
    expect(error).toMatchObject({ rule: 'start-before-body' });
  });

  it('reports every violation to onViolation as it happens, including swallowed ones', async () => {
    const reported: GatewayValidationError[] = [];
    const server = fakeServer();
    const app: App = async (_scope, receive, send) => {
      await receive();
      await send({ type: 'http.response.start', status: 99 }).catch(() => {});
      await send({ type: 'http.response.start', status: 200, headers: [['X-A', '1']] }).catch(() => {});
    };
    const wrapped = validate(app, { onViolation: (error) => reported.push(error) });
    const error = await rejectionOf(wrapped(httpScope(), server.receive, server.send));
    expect(reported.map((violation) => violation.rule)).toEqual([
      'status-range',
      'header-name',
      'no-response',
    ]);
    expect(error).toBe(reported[0]);
  });
});

describe('validate: header values', () => {
  it('reports a value no transport can send (past U+00FF, a control), and takes Latin-1 and tabs', async () => {
    const sendingHeader =
      (value: string): App =>
      async (_scope, receive, send) => {
        await receive();
        await send({ type: 'http.response.start', status: 200, headers: [['x-name', value]] });
        await send({ type: 'http.response.body', body: 'ok' });
      };
    for (const bad of ['日本', 'a\u0007b']) {
      const server = fakeServer();
      const error = await rejectionOf(validate(sendingHeader(bad))(httpScope(), server.receive, server.send));
      expect(error).toMatchObject({ rule: 'header-value' });
    }
    for (const good of ['José', 'a\tb']) {
      const server = fakeServer();
      await expect(
        validate(sendingHeader(good))(httpScope(), server.receive, server.send),
      ).resolves.toBeUndefined();
    }
  });
});

describe('validate: events the app changed after sending them', () => {
  const chunk = (body: Uint8Array, more: boolean): SendEvent => ({ type: 'http.response.body', body, more });

  it('tells an app that refills a buffer it sent, at the next send, before the server sees it', async () => {
    const server = fakeServer();
    const app: App = async (_scope, receive, send) => {
      await receive();
      await send(start);
      const buffer = new TextEncoder().encode('ab');
      await send(chunk(buffer, true));
      buffer.set(new TextEncoder().encode('cd')); // Node may still hold the first chunk, uncopied
      await send(chunk(buffer, false));
    };
    const error = await rejectionOf(validate(app)(httpScope(), server.receive, server.send));
    expect(error.message).toBe(
      '[event-changed] http.response.body body: a sent event, and the headers and bytes it holds, must not change until the response is complete (spec §3.2 [A-EVENT-OWNED]), got Uint8Array(2), changed after send',
    );
    expect(server.sent.map((event) => event.type)).toEqual(['http.response.start', 'http.response.body']);
  });

  it('checks the final chunk when the app returns, and takes fresh buffers and untouched events', async () => {
    const server = fakeServer();
    const scribbler: App = async (_scope, receive, send) => {
      await receive();
      await send(start);
      const last = new Uint8Array([1, 2]);
      await send(chunk(last, false));
      last.fill(0);
    };
    const error = await rejectionOf(validate(scribbler)(httpScope(), server.receive, server.send));
    expect(error).toMatchObject({ rule: 'event-changed', where: 'http.response.body body' });

    const tidy: App = async (_scope, receive, send) => {
      await receive();
      await send(start);
      for (const text of ['ab', 'cd']) await send(chunk(new TextEncoder().encode(text), true));
      await send(chunk(new Uint8Array(0), false));
    };
    const other = fakeServer();
    await expect(validate(tidy)(httpScope(), other.receive, other.send)).resolves.toBeUndefined();
  });
});

describe('validate: lifespan', () => {
  const lifespanApp: App = async (scope, receive, send) => {
    if (scope.type !== 'lifespan') throw new Error('http is not handled here');
    await receive();
    scope.state.ready = true;
    await send({ type: 'lifespan.startup.complete' });
    await receive();
    await send({ type: 'lifespan.shutdown.complete' });
  };

  it('follows a complete lifespan run by startLifespan without a word', async () => {
    const onViolation = vi.fn();
    const lifespan = await startLifespan(validate(lifespanApp, { onViolation }));
    expect(lifespan.supported).toBe(true);
    expect(lifespan.state).toEqual({ ready: true });
    await lifespan.shutdown();
    expect(onViolation).not.toHaveBeenCalled();
  });

  it('passes a startup failure through as the app reported it', async () => {
    const failing: App = async (_scope, receive, send) => {
      await receive();
      await send({ type: 'lifespan.startup.failed', message: 'no database' });
    };
    await expect(startLifespan(validate(failing))).rejects.toEqual(new LifespanStartupError('no database'));
  });

  it('rejects with the violation when the app answers startup before receiving it', async () => {
    const early: App = async (_scope, _receive, send) => {
      await send({ type: 'lifespan.startup.complete' });
    };
    const server = fakeServer([{ type: 'lifespan.startup' }]);
    const error = await rejectionOf(validate(early)(lifespanScope(), server.receive, async () => {}));
    expect(error).toMatchObject({ rule: 'lifespan-startup-order', by: 'app' });
  });
});
