// A streamed body that will not be read is closed (its producer's finally runs, a ReadableStream is
// cancelled, a Node stream destroyed), and a producer's unawaited sends never crash the process.
import { createReadStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// Node's own typing of the global: an async iterable, as the framework takes it.
import { ReadableStream } from 'node:stream/web';
import { ClientDisconnectedError } from '@flagon/gateway';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Flagon, Response, sse, stream, text } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

/** An endless source that counts its cancellations. */
function endless(): { source: ReadableStream<string>; cancelled: () => boolean } {
  let cancelled = false;
  const source = new ReadableStream<string>({
    pull(controller) {
      controller.enqueue('chunk\n');
    },
    cancel() {
      cancelled = true;
    },
  });
  return { source, cancelled: () => cancelled };
}

describe('a streamed body that will not be read', () => {
  it('is cancelled on HEAD, for stream() and sse() alike', async () => {
    const plain = endless();
    const events = endless();
    const app = new Flagon();
    app.get('/stream', () => stream(plain.source));
    app.get('/events', () => sse(events.source));
    const t = await serve(app);
    for (const path of ['/stream', '/events']) {
      const head = await t.request({ method: 'HEAD', path });
      expect([head.status, await head.text()]).toEqual([200, '']);
    }
    await vi.waitFor(() => expect([plain.cancelled(), events.cancelled()]).toEqual([true, true]));
  });

  it('destroys a Node stream on HEAD, so the file it opened is closed', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'flagon-cleanup-')), 'data.txt');
    writeFileSync(path, 'some data');
    const opened: ReturnType<typeof createReadStream>[] = [];
    const app = new Flagon();
    app.get('/file', () => {
      const file = createReadStream(path);
      opened.push(file);
      return stream(file);
    });
    const head = await (await serve(app)).request({ method: 'HEAD', path: '/file' });
    expect(await head.text()).toBe('');
    await vi.waitFor(() => expect(opened[0]?.closed).toBe(true));
  });

  it.each([204, 304])('is cancelled on a %i, which has no body', async (status) => {
    const body = endless();
    const app = new Flagon();
    app.get('/empty', () => new Response(body.source, { status }));
    const res = await (await serve(app)).request({ path: '/empty' });
    expect([res.status, await res.text()]).toEqual([status, '']);
    await vi.waitFor(() => expect(body.cancelled()).toBe(true));
  });

  it('is cancelled when an after hook answers with a response of its own', async () => {
    const body = endless();
    const app = new Flagon();
    app.get('/replaced', () => stream(body.source));
    app.after(() => text('replaced'));
    const res = await (await serve(app)).request({ path: '/replaced' });
    expect(await res.text()).toBe('replaced');
    await vi.waitFor(() => expect(body.cancelled()).toBe(true));
  });

  it('is cancelled when an after hook fails and the error is answered instead', async () => {
    const handlers = endless();
    const hooks = endless();
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/failing', () => stream(handlers.source));
    // The last registered runs first: one hook swaps in its own stream, then the other fails.
    app.after(() => {
      throw new Error('after hook failed');
    });
    app.after(() => stream(hooks.source));
    const res = await (await serve(app)).request({ path: '/failing' });
    expect([res.status, await res.json()]).toEqual([500, { error: 'Internal Server Error' }]);
    expect(logger.lines).toEqual(['ERROR GET /failing failed after hook failed']);
    await vi.waitFor(() => expect([handlers.cancelled(), hooks.cancelled()]).toEqual([true, true]));
  });

  it('is still read by the response replacing it when that one streams from it', async () => {
    const app = new Flagon();
    app.get('/words', () =>
      stream(
        new ReadableStream<string>({
          start(controller) {
            controller.enqueue('a');
            controller.enqueue('b');
            controller.close();
          },
        }),
      ),
    );
    // Closing the replaced response's stream at once would leave this one (a compressor, say) empty.
    app.after((_c, response) => {
      const source = response.body;
      if (source === null || typeof source !== 'object' || !(Symbol.asyncIterator in source)) return;
      return stream(
        (async function* () {
          for await (const chunk of source) yield typeof chunk === 'string' ? chunk.toUpperCase() : chunk;
        })(),
      );
    });
    const res = await (await serve(app)).request({ path: '/words' });
    expect([res.status, await res.text()]).toEqual([200, 'AB']);
  });

  it('is cancelled when the client left before the response started', async () => {
    const body = endless();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const app = new Flagon();
    app.get('/slow', async () => {
      await answered;
      return stream(body.source);
    });
    const leave = new AbortController();
    const pending = (await serve(app)).request({ path: '/slow', signal: leave.signal });
    leave.abort();
    await expect(pending).rejects.toThrow();
    answer();
    await vi.waitFor(() => expect(body.cancelled()).toBe(true));
  });
});

describe("a producer's sends", () => {
  const unhandled: unknown[] = [];
  const record = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    process.off('unhandledRejection', record);
  });

  it('may go unawaited (an event listener): the ones pending at a disconnect reject, handled', async () => {
    const listeners = new Set<(message: string) => void>();
    const sends: Promise<void>[] = [];
    const app = new Flagon();
    app.get('/bus', () =>
      sse(async (send, signal) => {
        const forward = (message: string) => {
          sends.push(send(message)); // a listener cannot await
        };
        listeners.add(forward);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        listeners.delete(forward);
        send('after the disconnect'); // not awaited either
      }),
    );
    const res = await (await serve(app)).request({ path: '/bus' });
    const reader = res.body[Symbol.asyncIterator]();
    const first = reader.next();
    await vi.waitFor(() => expect(listeners.size).toBe(1));
    for (const listener of listeners) listener('one');
    expect(new TextDecoder().decode((await first).value)).toBe('data: one\n\n');
    for (const listener of listeners) {
      listener('two'); // queued: the client has not read it yet
      listener('three');
    }
    res.disconnect();
    await res.completed;
    await vi.waitFor(() => expect(listeners.size).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
    // Whoever does await a send still sees the disconnect.
    await expect(sends[2]).rejects.toThrow(ClientDisconnectedError);
  });
});
