// The response as the client receives it: one-shot and streamed bodies, trailers, files, early hints.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpSendEvent } from '../../src/index.js';
import { silentLogger, toNodeHandler } from '../../src/index.js';
import type { HttpApp, TestServer } from './helpers.js';
import { asApp, deferred, fetchOutcome, listenWith, rawExchange } from './helpers.js';

/** An app that sends `events` in order (after reading the empty body) and records a send failure. */
function sending(events: HttpSendEvent[], failure: { error?: unknown } = {}): HttpApp {
  return async (_scope, receive, send) => {
    await receive();
    try {
      for (const event of events) await send(event);
    } catch (error) {
      failure.error = error;
      throw error;
    }
  };
}

const start = (headers: [string, string][] = [], trailers = false): HttpSendEvent => ({
  type: 'http.response.start',
  status: 200,
  headers,
  trailers,
});

const quiet = { logger: silentLogger };

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('toNodeHandler: response bodies', () => {
  it('streams chunks sent with more: true, chunked, in order', async () => {
    const app = sending([
      start(),
      { type: 'http.response.body', body: 'one ', more: true },
      { type: 'http.response.body', body: new TextEncoder().encode('two '), more: true },
      { type: 'http.response.body', body: 'three' },
    ]);
    const response = await supertest(toNodeHandler(asApp(app))).get('/');
    expect(response.text).toBe('one two three');
    expect(response.headers['transfer-encoding']).toBe('chunked');
  });

  it('counts a string body as UTF-8 bytes and keeps a Content-Length the app set', async () => {
    const utf8 = await supertest(
      toNodeHandler(asApp(sending([start(), { type: 'http.response.body', body: 'café' }]))),
    )
      .get('/')
      .buffer(true);
    expect(utf8.headers['content-length']).toBe('5');
    expect(utf8.text).toBe('café');
    const own = sending([
      start([['Content-Length', '3']]),
      { type: 'http.response.body', body: 'ab', more: true },
      { type: 'http.response.body', body: 'c' },
    ]);
    const response = await supertest(toNodeHandler(asApp(own))).get('/');
    expect(response.headers['content-length']).toBe('3');
    expect(response.headers['transfer-encoding']).toBeUndefined();
    expect(response.text).toBe('abc');
  });

  it.each([
    [204, 'GET', ''],
    [304, 'GET', ''],
    [200, 'HEAD', ''],
  ])('gives no Content-Length of its own to a %i answer to %s with an empty body', async (status, method) => {
    const app = sending([
      { type: 'http.response.start', status },
      { type: 'http.response.body', body: '' },
    ]);
    running = await listenWith(app);
    const { text } = await rawExchange(
      running.port,
      `${method} / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(text).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(text.toLowerCase()).not.toContain('content-length');
  });

  it('keeps the length of a HEAD answer whose app sent the whole body, or set the length itself', async () => {
    const whole = sending([start(), { type: 'http.response.body', body: 'hello' }]);
    expect((await supertest(toNodeHandler(asApp(whole))).head('/')).headers['content-length']).toBe('5');
    const own = sending([start([['content-length', '42']]), { type: 'http.response.body', body: '' }]);
    expect((await supertest(toNodeHandler(asApp(own))).head('/')).headers['content-length']).toBe('42');
  });

  it.each([
    ['after a start alone, sent within the app call', false, false],
    ['after a start alone, sent once the call returned', false, true],
    ['after an empty chunk with more: true', true, false],
  ])('sends the head of a stream while the app waits (%s)', async (_case, emptyChunk, later) => {
    const headArrived = deferred();
    const app: HttpApp = async (_scope, _receive, send) => {
      if (later) await new Promise((resolve) => setTimeout(resolve, 1));
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'text/event-stream']],
      });
      if (emptyChunk) await send({ type: 'http.response.body', body: '', more: true });
      await headArrived.promise; // only the client can release this: it must have the head already
      await send({ type: 'http.response.body', body: 'data: 1\n\n' });
    };
    running = await listenWith(app);
    const body = await new Promise<string>((resolve, reject) => {
      get(running!.url, (res: IncomingMessage) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        headArrived.resolve();
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(body).toBe('data: 1\n\n');
  });

  it('sends the head of a stream started in the same turn as responses answered at once', async () => {
    // Pipelined in one packet: the three handlers run in one turn, and the two quick answers leave
    // the queue of heads to flush before the stream's start joins it. Twice, so a second turn flushes too.
    for (let turn = 0; turn < 2; turn++) {
      const headArrived = deferred();
      const app: HttpApp = async (scope, _receive, send) => {
        if (scope.path !== '/stream') {
          await send({ type: 'http.response.start', status: 200, headers: [['content-length', '2']] });
          await send({ type: 'http.response.body', body: 'ok' });
          return;
        }
        await send({ type: 'http.response.start', status: 200, headers: [['x-stream', 'yes']] });
        await headArrived.promise; // only the client can release this: it must have the head already
        await send({ type: 'http.response.body', body: 'end' });
      };
      running = await listenWith(app);
      const request = (path: string) => `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`;
      const { text, socket } = await rawExchange(
        running.port,
        request('/a') + request('/b') + request('/stream'),
        (received) => received.includes('x-stream: yes'),
      );
      headArrived.resolve();
      socket.destroy();
      expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(3);
      expect(text).not.toContain('end');
      await running.close();
      running = undefined;
    }
  });

  it('rejects events out of order with a TypeError', async () => {
    const twice: { error?: unknown } = {};
    const app = sending([start(), start()], twice);
    running = await listenWith(app);
    await fetchOutcome(running.url).catch(() => null); // started, then failed: cut
    expect(twice.error).toBeInstanceOf(TypeError);
    expect(String(twice.error)).toContain('http.response.start was already sent');

    const early: { error?: unknown } = {};
    await supertest(
      toNodeHandler(asApp(sending([{ type: 'http.response.body', body: 'x' }], early)), quiet),
    ).get('/');
    expect(String(early.error)).toMatch(/TypeError: send: http\.response\.body out of order/);

    const late: { error?: unknown } = {};
    const afterEnd = sending(
      [start(), { type: 'http.response.body', body: 'x' }, { type: 'http.response.body' }],
      late,
    );
    await supertest(toNodeHandler(asApp(afterEnd), quiet)).get('/');
    expect(String(late.error)).toContain('the response is already complete');
  });

  it('rejects a body that is neither a string nor bytes, as every transport does, instead of dropping it', async () => {
    const wrong: { error?: unknown } = {};
    const chunks = [
      start(),
      { type: 'http.response.body', body: 'a', more: true },
      { type: 'http.response.body', body: new ArrayBuffer(2) as unknown as Uint8Array, more: true },
      { type: 'http.response.body', body: 'b' },
    ] as const;
    running = await listenWith(sending([...chunks], wrong));
    // Once: "ab", complete, as if the app had sent nothing wrong. Now the app fails mid-body: cut.
    const outcome = await fetchOutcome(running.url);
    expect(outcome.complete).toBe(false);
    expect(String(wrong.error)).toBe(
      'TypeError: send: http.response.body needs a string or a Uint8Array body, got object',
    );
  });
});

describe('toNodeHandler: trailers', () => {
  it('sends trailers after a chunked body, with the Trailer header the app declared', async () => {
    const app = sending([
      start([['trailer', 'x-checksum']], true),
      { type: 'http.response.body', body: 'payload', more: true },
      { type: 'http.response.body', body: '!' },
      { type: 'http.response.trailers', headers: [['x-checksum', 'abc123']] },
    ]);
    running = await listenWith(app);
    const { text } = await rawExchange(
      running.port,
      'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(text).toMatch(/\r\ntrailer: x-checksum\r\n/i);
    expect(text).toMatch(/\r\nTransfer-Encoding: chunked\r\n/);
    expect(text).toMatch(/\r\n\r\n7\r\npayload\r\n1\r\n!\r\n0\r\nx-checksum: abc123\r\n\r\n$/);
    const outcome = await fetchOutcome(running.url);
    expect(outcome.body).toBe('payload!');
    expect(outcome.trailers).toEqual({ 'x-checksum': 'abc123' });
  });

  it('collects trailers sent with more: true until the last one', async () => {
    const app = sending([
      start([], true),
      { type: 'http.response.body', body: 'x' },
      { type: 'http.response.trailers', headers: [['x-a', '1']], more: true },
      { type: 'http.response.trailers', headers: [['x-b', '2']] },
    ]);
    running = await listenWith(app);
    const outcome = await fetchOutcome(running.url);
    expect(outcome.trailers).toEqual({ 'x-a': '1', 'x-b': '2' });
    expect(outcome.complete).toBe(true);
  });
});

describe('toNodeHandler: file responses', () => {
  let dir: string;
  let path: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'flagon-file-'));
    path = join(dir, 'alphabet.txt');
    await writeFile(path, 'abcdefghijklmnopqrstuvwxyz');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sends a slice of a file by offset and length, with its Content-Length', async () => {
    running = await listenWith(
      sending([
        start([['content-type', 'text/plain']]),
        { type: 'http.response.file', path, offset: 3, length: 5 },
      ]),
    );
    const outcome = await fetchOutcome(running.url);
    expect(outcome.body).toBe('defgh');
    expect(outcome.headers['content-length']).toBe('5');
  });

  it('sends the rest of the file by default, and mixes files with body chunks', async () => {
    running = await listenWith(
      sending([
        start(),
        { type: 'http.response.body', body: '[', more: true },
        { type: 'http.response.file', path, offset: 20, more: true },
        { type: 'http.response.file', path, length: 2, more: true },
        { type: 'http.response.body', body: ']' },
      ]),
    );
    const outcome = await fetchOutcome(running.url);
    expect(outcome.body).toBe('[uvwxyzab]');
    expect(outcome.headers['transfer-encoding']).toBe('chunked');
  });

  it('streams a large file with backpressure', async () => {
    const big = join(dir, 'big.bin');
    await writeFile(big, Buffer.alloc(8 * 1024 * 1024, 7));
    running = await listenWith(sending([start(), { type: 'http.response.file', path: big, offset: 1 }]));
    const size = await new Promise<number>((resolve, reject) => {
      get(running!.url, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        res.on('end', () => resolve(bytes));
      }).on('error', reject);
    });
    expect(size).toBe(8 * 1024 * 1024 - 1);
  });

  it('rejects a file send whose client left between two chunks, with no write left waiting', async () => {
    const big = join(dir, 'large.bin');
    await writeFile(big, Buffer.alloc(32 * 1024 * 1024, 1));
    const failure: { error?: unknown } = {};
    const sent = deferred();
    const app: HttpApp = async (_scope, _receive, send) => {
      await send(start());
      try {
        await send({ type: 'http.response.file', path: big });
      } catch (error) {
        failure.error = error;
      } finally {
        sent.resolve();
      }
    };
    running = await listenWith(app, { writeTimeout: 60_000 });
    // The client reads a little, then goes: the rest of the file meets a closed connection.
    const socket = (
      await rawExchange(running.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n', (text) => text.length > 1 << 20)
    ).socket;
    socket.destroy();
    await sent.promise;
    expect(failure.error).toMatchObject({ name: 'ClientDisconnectedError', reason: 'client-closed' });
  });

  it('fails the send for a missing file (the app then decides)', async () => {
    const failure: { error?: unknown } = {};
    running = await listenWith(
      sending([start(), { type: 'http.response.file', path: join(dir, 'missing.txt') }], failure),
    );
    const outcome = await fetchOutcome(running.url).catch(() => null);
    expect(outcome?.complete ?? false).toBe(false); // started, then failed: the connection is cut
    expect(failure.error).toMatchObject({ code: 'ENOENT' });
  });
});

describe('toNodeHandler: early hints', () => {
  const hinting = sending([
    { type: 'http.response.early_hints', headers: [['link', '</style.css>; rel=preload; as=style']] },
    start([['content-type', 'text/html']]),
    { type: 'http.response.body', body: '<h1>hi</h1>' },
  ]);

  it('writes a 103 Early Hints with the Link header before the response', async () => {
    running = await listenWith(hinting);
    const { text } = await rawExchange(
      running.port,
      'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(text).toMatch(
      /^HTTP\/1\.1 103 Early Hints\r\nLink: <\/style\.css>; rel=preload; as=style\r\n\r\nHTTP\/1\.1 200 OK\r\n/,
    );
    expect(text.endsWith('<h1>hi</h1>')).toBe(true);
  });

  it('reaches a Node client as an information event', async () => {
    running = await listenWith(hinting);
    const informed = await new Promise<{ statusCode: number; headers: Record<string, unknown> }>(
      (resolve) => {
        const req = get(running!.url, (res) => res.resume());
        req.on('information', (info) => resolve(info));
      },
    );
    expect(informed.statusCode).toBe(103);
    expect(informed.headers.link).toBe('</style.css>; rel=preload; as=style');
  });

  it('sends no 1xx to an HTTP/1.0 client', async () => {
    running = await listenWith(hinting);
    const { text } = await rawExchange(running.port, 'GET / HTTP/1.0\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
