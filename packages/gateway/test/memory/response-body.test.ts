import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, ReceiveEvent } from '@flagon/gateway';
import { createLogger, createMemoryTransport, isClientDisconnected } from '@flagon/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const decoder = new TextDecoder();
const ticks = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

describe('memory transport: response bodies', () => {
  it('hands the body over chunk by chunk, each send resolving only when its chunk is read', async () => {
    const sent: string[] = [];
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      for (const part of ['a', 'b', 'c']) {
        await send({ type: 'http.response.body', body: part, more: true });
        sent.push(part);
      }
      await send({ type: 'http.response.body' });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(res.status).toBe(200);
    expect(res.header('Content-Type')).toBe('text/plain');
    expect(res.header('x-missing')).toBeUndefined();
    await ticks(5);
    expect(sent).toEqual([]);
    const chunks: string[] = [];
    for await (const chunk of res.body) {
      chunks.push(decoder.decode(chunk));
      await ticks(2);
      // Each read chunk's send resolved; the app is held at the next one until the loop asks again.
      expect(sent).toEqual(chunks);
    }
    expect(chunks).toEqual(['a', 'b', 'c']);
    await res.completed;
    expect(res.error).toBeUndefined();
    await transport.close();
  });

  it('reads N events of an endless server-sent-event stream, then hangs up without hanging', async () => {
    let outcome = 'running';
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'text/event-stream']],
      });
      try {
        for (let id = 1; ; id++)
          await send({ type: 'http.response.body', body: `id: ${id}\ndata: tick\n\n`, more: true });
      } catch (error) {
        outcome = isClientDisconnected(error) ? `stopped: ${scope.signal.aborted}` : 'failed';
        throw error;
      }
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/events', headers: { accept: 'text/event-stream' } });
    const events: string[] = [];
    for await (const chunk of res.body) {
      events.push(decoder.decode(chunk));
      if (events.length === 5) break;
    }
    expect(events).toEqual([1, 2, 3, 4, 5].map((id) => `id: ${id}\ndata: tick\n\n`));
    await res.completed;
    expect(outcome).toBe('stopped: true');
    expect(res.error).toBeUndefined();
    await transport.close();
  });

  it('gives text, bytes and json the whole body, as often as asked, but refuses a body already streamed', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 201 });
      await send({ type: 'http.response.body', body: '{"ok":', more: true });
      await send({ type: 'http.response.body', body: new TextEncoder().encode('true}') });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(await res.json()).toEqual({ ok: true });
    expect(await res.text()).toBe('{"ok":true}');
    expect((await res.bytes()).byteLength).toBe(11);
    const streamed = await transport.request({ path: '/' });
    for await (const _ of streamed.body);
    await expect(streamed.text()).rejects.toThrow('the response body was already read');
    await transport.close();
  });

  it('records early hints sent before the start, and trailers sent after the body', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.early_hints', headers: [['link', '</a.css>; rel=preload']] });
      await send({ type: 'http.response.early_hints', headers: [['link', '</b.js>; rel=preload']] });
      await send({
        type: 'http.response.start',
        status: 200,
        trailers: true,
        headers: [['trailer', 'x-sum']],
      });
      await send({ type: 'http.response.body', body: 'data' });
      await send({ type: 'http.response.trailers', headers: [['x-sum', '1']], more: true });
      await send({ type: 'http.response.trailers', headers: [['x-sum', '2']] });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(res.earlyHints).toEqual([[['link', '</a.css>; rel=preload']], [['link', '</b.js>; rel=preload']]]);
    expect(await res.text()).toBe('data');
    expect(await res.trailers).toEqual([
      ['x-sum', '1'],
      ['x-sum', '2'],
    ]);
    await res.completed;
    expect(res.error).toBeUndefined();
    await transport.close();
  });

  it('resolves trailers to an empty list for a response that announced none', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 204 });
      await send({ type: 'http.response.body' });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(await res.trailers).toEqual([]);
    expect(res.earlyHints).toEqual([]);
    await transport.close();
  });

  it('drops the body of a HEAD response, as a server does, while the app sends it', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200, headers: [['content-length', '5']] });
      await send({ type: 'http.response.body', body: 'hello' });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ method: 'HEAD', path: '/' });
    expect(res.header('content-length')).toBe('5');
    expect(await res.text()).toBe('');
    await res.completed;
    expect(res.error).toBeUndefined();
    await transport.close();
  });

  describe('the file extension', () => {
    let dir: string;
    let file: string;
    const content = 'x'.repeat(70 * 1024) + 'tail';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'flagon-memory-'));
      file = join(dir, 'data.txt');
      await writeFile(file, content);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    const fileApp =
      (range: { offset?: number; length?: number }, after?: string): App =>
      async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        if (!scope.extensions.file) throw new Error('file extension missing');
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.file', path: file, ...range, more: after !== undefined });
        if (after !== undefined) await send({ type: 'http.response.body', body: after });
      };

    it('streams a whole file, in chunks', async () => {
      const transport = createMemoryTransport(fileApp({}));
      const res = await transport.request({ path: '/' });
      const chunks: number[] = [];
      let body = '';
      for await (const chunk of res.body) {
        chunks.push(chunk.byteLength);
        body += decoder.decode(chunk);
      }
      expect(body).toBe(content);
      expect(chunks.length).toBeGreaterThan(1);
      await transport.close();
    });

    it('streams a byte range, and lets more body follow it', async () => {
      const transport = createMemoryTransport(fileApp({ offset: 70 * 1024, length: 3 }, '!'));
      expect(await (await transport.request({ path: '/' })).text()).toBe('tai!');
      await transport.close();
    });

    it('clamps a length past the end of the file to the file, as the Node bridge does', async () => {
      const transport = createMemoryTransport(fileApp({ offset: 70 * 1024, length: 1000 }, '!'));
      const res = await transport.request({ path: '/' });
      expect(await res.text()).toBe('tail!');
      await res.completed;
      expect(res.error).toBeUndefined();
      await transport.close();
    });

    it('stops a file send when the client leaves between two chunks: the send rejects, close() resolves', async () => {
      const big = join(dir, 'big.bin');
      await writeFile(big, new Uint8Array(1 << 20));
      let sendError: unknown;
      const app: App = async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.file', path: big }).catch((error: unknown) => {
          sendError = error;
        });
      };
      const transport = createMemoryTransport(app);
      const res = await transport.request({ path: '/' });
      await res.body[Symbol.asyncIterator]().next();
      // The next chunk is being read from disk now: the send once waited for a reader forever.
      res.disconnect();
      await res.completed;
      expect(isClientDisconnected(sendError)).toBe(true);
      await transport.close();
    });

    it('cuts the response when the file cannot be read, and rejects the send with why', async () => {
      let sendError: unknown;
      const lines: string[] = [];
      const app: App = async (scope, _receive, send) => {
        if (scope.type !== 'http') return;
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.file', path: join(dir, 'missing') }).catch((error: unknown) => {
          sendError = error;
        });
      };
      const transport = createMemoryTransport(app, {
        logger: createLogger('error', (line) => lines.push(line)),
      });
      const res = await transport.request({ path: '/' });
      await expect(res.text()).rejects.toMatchObject({ code: 'ENOENT' });
      await res.completed;
      expect(sendError).toMatchObject({ code: 'ENOENT' });
      expect(res.error).toBe(sendError);
      expect(lines.join('')).toMatch(
        /ERROR GET \/: could not read the file for http.response.file; the response was cut/,
      );
      await transport.close();
    });
  });

  it('resolves the final send at once: an app answering in one piece completes before anyone reads', async () => {
    const app: App = async (scope, _receive, send) => {
      if (scope.type !== 'http') return;
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'whole answer' });
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    await res.completed;
    expect(await res.text()).toBe('whole answer');
    await transport.close();
  });

  it('answers receive with response-complete once the response is sent, without aborting the signal', async () => {
    let after: ReceiveEvent | undefined;
    let aborted: boolean | undefined;
    const app: App = async (scope, receive, send) => {
      if (scope.type !== 'http') return;
      await receive();
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: 'done' });
      after = await receive();
      aborted = scope.signal.aborted;
    };
    const transport = createMemoryTransport(app);
    const res = await transport.request({ path: '/' });
    expect(await res.text()).toBe('done');
    await res.completed;
    expect(after).toEqual({ type: 'http.disconnect', reason: 'response-complete' });
    expect(aborted).toBe(false);
    await transport.close();
  });
});
