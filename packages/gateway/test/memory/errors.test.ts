import type { App, HttpSendEvent, SendEvent } from '@flagon/gateway';
import { createLogger, createMemoryTransport } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', (line) => lines.push(line)) };
}

describe('memory transport: app errors, like a server', () => {
  it('answers 500 for an app that fails before the start, keeps the stack out of the body, logs it', async () => {
    const { lines, logger } = capture();
    const app: App = async (scope) => {
      if (scope.type !== 'http') return;
      throw new Error('database is down');
    };
    const transport = createMemoryTransport(app, { logger });
    const res = await transport.request({ path: '/orders' });
    expect(res.status).toBe(500);
    expect(res.header('content-type')).toBe('text/plain; charset=utf-8');
    const body = await res.text();
    expect(body).toBe('Internal Server Error');
    expect((res.error as Error).message).toBe('database is down');
    const log = lines.join('');
    expect(log).toMatch(/ERROR GET \/orders: the app failed before http.response.start; answered 500/);
    expect(log).toMatch(/Error: database is down\n\s+at /);
    await transport.close();
  });

  it('cuts a response whose app fails after the start: the body errors and the signal aborts', async () => {
    const { lines, logger } = capture();
    let signalAborted: boolean | undefined;
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'partial', more: true });
      setTimeout(() => {
        signalAborted = scope.signal.aborted;
      });
      throw new Error('renderer crashed');
    };
    const transport = createMemoryTransport(app, { logger });
    const res = await transport.request({ path: '/' });
    expect(res.status).toBe(200);
    const chunks: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of res.body) chunks.push(new TextDecoder().decode(chunk));
      })(),
    ).rejects.toThrow('renderer crashed');
    expect(chunks).toEqual(['partial']);
    await res.completed;
    expect((res.error as Error).message).toBe('renderer crashed');
    await expect(res.trailers).rejects.toThrow('renderer crashed');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(signalAborted).toBe(true);
    expect(lines.join('')).toMatch(/ERROR GET \/: the app failed mid-response; the response was cut/);
    await transport.close();
  });

  it.each([
    ['a CR/LF in a value', ['x-note', 'a\r\nset-cookie: admin=1']],
    ['a name that is no token', ['bad name', 'v']],
    ['a character past U+00FF', ['x-euro', '€']],
  ])(
    'refuses a start with %s, as Node and Fetch do: the app fails, the client gets 500',
    async (_name, header) => {
      const app: App = async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        await send({ type: 'http.response.start', status: 200, headers: [header as [string, string]] });
        await send({ type: 'http.response.body', body: 'never' });
      };
      const transport = createMemoryTransport(app, { logger: createLogger('error', () => {}) });
      const res = await transport.request({ path: '/' });
      expect([res.status, res.header('set-cookie'), await res.text()]).toEqual([
        500,
        undefined,
        'Internal Server Error',
      ]);
      await res.completed;
      expect((res.error as Error).message).toMatch(/^http.response.start: invalid (header name|character)/);
      await transport.close();
    },
  );

  it('cuts a response whose trailers were announced and never sent, as the Node bridge does', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200, trailers: true });
      await send({ type: 'http.response.body', body: 'data' });
    };
    const transport = createMemoryTransport(app, { logger: createLogger('error', () => {}) });
    const res = await transport.request({ path: '/' });
    // Once the body read as complete ("data") and only res.trailers said otherwise.
    await expect(res.text()).rejects.toThrow('the app returned before its response was complete');
    await expect(res.trailers).rejects.toThrow();
    await transport.close();
  });

  it('answers 500 for an app that returns without responding', async () => {
    const app: App = async () => {};
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(res.status).toBe(500);
    expect((res.error as Error).message).toBe('the app returned without sending http.response.start');
    await transport.close();
  });

  it('cuts a response whose app returns before finishing it', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    await expect(res.text()).rejects.toThrow('the app returned before its response was complete');
    await transport.close();
  });

  it('waits for a last send the app did not await before judging it', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      void send({ type: 'http.response.start', status: 200 });
      void send({ type: 'http.response.body', body: 'fire and forget' });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(await res.text()).toBe('fire and forget');
    await res.completed;
    expect(res.error).toBeUndefined();
    await transport.close();
  });

  it('logs an app failing after its response was complete, and the client keeps its response', async () => {
    const { lines, logger } = capture();
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'ok' });
      throw new Error('cleanup failed');
    };
    const transport = createMemoryTransport(app, { logger });
    const res = await transport.request({ path: '/' });
    expect(await res.text()).toBe('ok');
    await res.completed;
    expect((res.error as Error).message).toBe('cleanup failed');
    expect(lines.join('')).toMatch(/ERROR GET \/: the app failed after its response was complete/);
    await transport.close();
  });

  describe('rejects events out of order with a TypeError', () => {
    const cases: Array<[string, HttpSendEvent[]]> = [
      ['a body before the start', [{ type: 'http.response.body', body: 'x' }]],
      [
        'a second start',
        [
          { type: 'http.response.start', status: 200 },
          { type: 'http.response.start', status: 200 },
        ],
      ],
      ['a status out of range', [{ type: 'http.response.start', status: 99 }]],
      [
        'early hints after the start',
        [
          { type: 'http.response.start', status: 200 },
          { type: 'http.response.early_hints', headers: [] },
        ],
      ],
      [
        'trailers that were not announced',
        [
          { type: 'http.response.start', status: 200 },
          { type: 'http.response.body', body: 'x' },
          { type: 'http.response.trailers', headers: [] },
        ],
      ],
      [
        'trailers before the final body chunk',
        [
          { type: 'http.response.start', status: 200, trailers: true },
          { type: 'http.response.trailers', headers: [] },
        ],
      ],
      [
        'a body after the response completed',
        [
          { type: 'http.response.start', status: 204 },
          { type: 'http.response.body' },
          { type: 'http.response.body' },
        ],
      ],
    ];
    for (const [name, events] of cases) {
      it(name, async () => {
        let failure: unknown;
        const app: App = async (scope, _receive, send) => {
          if (scope.type !== 'http') return;
          try {
            for (const event of events) await send(event);
          } catch (error) {
            failure = error;
          }
        };
        const transport = createMemoryTransport(app);
        const res = await transport.request({ path: '/' });
        await res.text().catch(() => {});
        await res.completed;
        expect(failure).toBeInstanceOf(TypeError);
        await transport.close();
      });
    }

    it('an extension event the transport does not offer', async () => {
      let failure: unknown;
      const app: App = async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        expect(scope.extensions.earlyHints).toBeUndefined();
        try {
          await send({ type: 'http.response.early_hints', headers: [['link', '</a>']] });
        } catch (error) {
          failure = error;
        }
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body' });
      };
      const transport = createMemoryTransport(app, { extensions: { earlyHints: false } });
      await (await transport.request({ path: '/' })).completed;
      expect((failure as Error).message).toMatch(/earlyHints extension is not offered/);
      await transport.close();
    });

    it('a lifespan event in an http scope', async () => {
      let failure: unknown;
      const app: App = async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        const wrong: SendEvent = { type: 'lifespan.startup.complete' };
        await send(wrong).catch((error: unknown) => {
          failure = error;
        });
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body' });
      };
      const transport = createMemoryTransport(app);
      await (await transport.request({ path: '/' })).completed;
      expect(failure).toBeInstanceOf(TypeError);
      await transport.close();
    });
  });
});
