// The request body as the app reads it: chunk by chunk, with backpressure and a size limit.
import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpReceiveEvent } from '../../src/index.js';
import type { HttpApp, TestServer } from './helpers.js';
import { deferred, listenWith, MiB, rawExchange, watchRss } from './helpers.js';

/** Reads the whole body, counting bytes, and answers with the count and what it saw. */
function countingApp(seen: HttpReceiveEvent[] = []): HttpApp {
  return async (_scope, receive, send) => {
    let bytes = 0;
    let chunks = 0;
    for (;;) {
      const event = await receive();
      seen.push(event.type === 'http.request' ? { ...event, body: new Uint8Array(0) } : event);
      if (event.type !== 'http.request') return;
      bytes += event.body.byteLength;
      chunks += 1;
      if (!event.more) break;
    }
    await send({ type: 'http.response.start', status: 200 });
    await send({ type: 'http.response.body', body: `${bytes} bytes in ${chunks} chunks` });
  };
}

/** POSTs `total` bytes written in `chunk`-sized pieces with backpressure, chunked unless `length` is set. */
function upload(
  url: string,
  total: number,
  options: { chunk?: number; contentLength?: boolean } = {},
): Promise<{ status: number; body: string }> {
  const chunkSize = options.chunk ?? 64 * 1024;
  const piece = Buffer.alloc(chunkSize, 120); // one buffer, written over and over: the client stays small
  return new Promise((resolve, reject) => {
    const headers = options.contentLength ? { 'content-length': String(total) } : undefined;
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        body += text;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        const size = Math.min(chunkSize, total - sent);
        sent += size;
        if (!req.write(size === chunkSize ? piece : piece.subarray(0, size)))
          return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

let running: TestServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe('toNodeHandler: the request body', () => {
  it('gives a bodiless request one empty, final chunk', async () => {
    const seen: HttpReceiveEvent[] = [];
    running = await listenWith(countingApp(seen));
    const { text } = await rawExchange(
      running.port,
      'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(text).toMatch(/0 bytes in 1 chunks$/);
    expect(seen).toEqual([{ type: 'http.request', body: new Uint8Array(0), more: false }]);
  });

  it('streams a chunked body in order, the last chunk marked more: false', async () => {
    const chunks: Uint8Array[] = [];
    const app: HttpApp = async (_scope, receive, send) => {
      let event: HttpReceiveEvent;
      do {
        event = await receive();
        if (event.type === 'http.request') chunks.push(event.body);
      } while (event.type === 'http.request' && event.more);
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: Buffer.concat(chunks) });
    };
    running = await listenWith(app);
    const { text } = await rawExchange(
      running.port,
      'POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n' +
        '5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n',
    );
    expect(text).toMatch(/\r\n\r\nhello world$/);
  });

  it('takes its listeners off a request once the body is read, so a finished request can be collected', async () => {
    running = await listenWith(countingApp());
    const left: number[] = [];
    running.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      // Node's own 'end' listener (clearIncoming) waits for a body answered before its 'end': not ours.
      const ours = (name: string) =>
        req.listeners(name).filter((listener) => listener.name !== 'clearIncoming').length;
      res.on('finish', () => left.push(ours('data') + ours('readable') + ours('end') + ours('close')));
    });
    // The handler runs as the headers arrive, so the app waits for the body and listens for it.
    const { text } = await rawExchange(
      running.port,
      'POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello',
    );
    expect(text).toMatch(/5 bytes in \d chunks$/);
    expect(left).toEqual([0]);
  });

  it('hands over a body completed by its length at the end of the request, as Node parses pipelined ones', async () => {
    // Delivered at the piece completing the length, the app answered before Node had parsed the next
    // pipelined request, so every response finished with none queued behind it and Node armed, then
    // disarmed, its keep-alive timer per request. At 'end', the next head is parsed first, as for a
    // node:http handler reading the body with 'data' and 'end'.
    const log: string[] = [];
    const app: HttpApp = async (scope, receive, send) => {
      log.push(`start ${scope.path}`);
      const event = await receive();
      log.push(`body ${scope.path} ${event.type === 'http.request' ? Buffer.from(event.body) : event.type}`);
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: scope.path });
    };
    running = await listenWith(app);
    const post = (path: string, close = '') =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\n${close}Content-Length: 3\r\n\r\n${path.slice(1).repeat(3)}`;
    const { text } = await rawExchange(
      running.port,
      post('/a') + post('/b') + post('/c', 'Connection: close\r\n'),
    );
    expect(text.match(/\r\n\r\n\/[abc]/g)).toEqual(['\r\n\r\n/a', '\r\n\r\n/b', '\r\n\r\n/c']);
    expect(log).toEqual(['start /a', 'start /b', 'body /a aaa', 'start /c', 'body /b bbb', 'body /c ccc']);
  });

  it('reads 50 MiB and more, chunk by chunk, with Content-Length or chunked', async () => {
    running = await listenWith(countingApp());
    const sized = await upload(running.url, 50 * MiB, { contentLength: true });
    expect(sized.status).toBe(200);
    expect(sized.body).toMatch(/^52428800 bytes in \d+ chunks$/);
    const chunked = await upload(running.url, 3 * MiB + 7);
    expect(chunked.body).toMatch(/^3145735 bytes in \d+ chunks$/);
  });

  it('streams a 1 GiB upload through a reading app without holding it in memory', async () => {
    running = await listenWith(countingApp());
    const rss = watchRss();
    const result = await upload(running.url, 1024 * MiB, { chunk: 256 * 1024 });
    const growth = rss.stop();
    expect(result.body).toMatch(/^1073741824 bytes in \d+ chunks$/);
    expect(growth).toBeLessThan(64 * MiB);
  }, 120_000);

  it('stops reading the socket while the app does not ask for more (backpressure)', async () => {
    const firstChunk = deferred();
    const release = deferred();
    const app: HttpApp = async (_scope, receive, send) => {
      let event = await receive();
      firstChunk.resolve();
      await release.promise; // the app is busy: nothing more may be read meanwhile
      let bytes = 0;
      while (event.type === 'http.request') {
        bytes += event.body.byteLength;
        if (!event.more) break;
        event = await receive();
      }
      await send({ type: 'http.response.start', status: 200 });
      await send({ type: 'http.response.body', body: `${bytes} bytes in all` });
    };
    running = await listenWith(app);
    const sockets: Socket[] = [];
    running.server.on('connection', (socket: Socket) => sockets.push(socket));
    const total = 256 * MiB;
    const result = upload(running.url, total, { contentLength: true });
    await firstChunk.promise;
    await new Promise((resolve) => setTimeout(resolve, 500)); // room for a server that reads regardless
    const readWhileBusy = sockets[0]!.bytesRead;
    release.resolve();
    const { body } = await result;
    expect(readWhileBusy).toBeLessThan(4 * MiB); // Node's small buffers, not the 256 MiB on offer
    expect(body).toBe('268435456 bytes in all');
  });
});
