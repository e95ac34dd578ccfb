// The in-process measurement: requests driven through Node's own HTTP objects without sockets must get
// the answers a client would, and every contender's listener must answer every scenario right that way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { describe, expect, it } from 'vitest';
import type { CreateListener, RequestListener } from '../contenders/listening.js';
import { answerMismatches } from '../harness/answer-check.js';
import { IN_PROCESS_CONTENDERS } from '../harness/contenders.js';
import { answerInProcess, parseResponse, RequestTimer } from '../harness/in-process.js';
import { preparedRequest } from '../harness/prepared-request.js';
import { answers, INVALID_QUERY_REQUEST, SCENARIOS } from '../harness/scenarios.js';
import { type Send, smallAppChecks } from './small-app-checks.js';

const hello: RequestListener = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '5' });
  res.end('hello');
};

function echo(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    res.writeHead(201, { 'content-type': 'application/json' });
    // Two writes and no length: the response goes out chunked.
    res.write(Buffer.concat(chunks).subarray(0, 3));
    res.end(Buffer.concat(chunks).subarray(3));
  });
}

describe('answerInProcess', () => {
  it('returns the status, content type and body a client reads', async () => {
    expect(await answerInProcess(hello, { method: 'GET', path: '/' })).toEqual({
      status: 200,
      contentType: 'text/plain',
      body: 'hello',
      setCookies: [],
      headers: expect.objectContaining({ 'content-type': 'text/plain', 'content-length': '5' }),
    });
  });

  it('delivers the request body after the listener ran, and decodes a chunked answer', async () => {
    const body = JSON.stringify({ name: 'bottle', tags: ['a', 'b'] });
    const answer = await answerInProcess(echo, {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(answer).toEqual({
      status: 201,
      contentType: 'application/json; charset=utf-8',
      body,
      setCookies: [],
      headers: expect.objectContaining({ 'transfer-encoding': 'chunked' }),
    });
  });

  it('drains a response streamed with backpressure, as the server does (a piped 64 KiB file)', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const piped: RequestListener = (_req, res) => {
      res.writeHead(200, { 'content-length': String(chunk.length * 2) });
      Readable.from([chunk, chunk]).pipe(res);
    };
    const answer = await answerInProcess(piped, { method: 'GET', path: '/' });
    expect(answer.body.length).toBe(chunk.length * 2);
  });

  it('gives body parsers a readable request with its Content-Length (express.json)', async () => {
    const app = express();
    app.post('/items', express.json(), (req, res) => {
      res.status(201).json({ got: req.body as unknown });
    });
    const answer = await answerInProcess(app, {
      method: 'POST',
      path: '/items',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ got: { n: 1 } });
  });
});

describe('parseResponse', () => {
  it('rejects bytes without a complete head', () => {
    expect(() => parseResponse(Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 2'))).toThrow(
      'no complete head',
    );
  });

  it('keeps every Set-Cookie header', () => {
    const answer = parseResponse(
      Buffer.from(
        'HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nset-cookie: b=2\r\nContent-Length: 0\r\n\r\n',
      ),
    );
    expect(answer.setCookies).toEqual(['a=1; Path=/', 'b=2']);
  });

  it('reads the body by Content-Length when not chunked', () => {
    const answer = parseResponse(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno'));
    expect(answer).toEqual({
      status: 404,
      contentType: null,
      body: 'no',
      setCookies: [],
      headers: { 'content-length': '2' },
    });
  });

  it('decodes a gzipped body, as fetch does, and throws on one that is not gzip', () => {
    const body = gzipSync('{"ok":true}');
    const head = `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nVary: Origin\r\nVary: Accept-Encoding\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = parseResponse(Buffer.concat([Buffer.from(head), body]));
    expect([answer.body, answer.headers?.vary]).toEqual(['{"ok":true}', 'Origin, Accept-Encoding']);
    const plain = 'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}';
    expect(() => parseResponse(Buffer.from(plain))).toThrow(/header/);
  });
});

describe('RequestTimer', () => {
  it('warms up, then times batches sized from the warm-up, each at least 100 requests', async () => {
    let served = 0;
    const counting: RequestListener = (req, res) => {
      served++;
      hello(req, res);
    };
    const timer = new RequestTimer(counting, { method: 'GET', path: '/' });
    await timer.warmUp(20);
    const warmedUp = served;
    expect(warmedUp).toBeGreaterThanOrEqual(500);
    const first = await timer.measure(10);
    const second = await timer.measure(10);
    expect(first.ns_per_request).toBeGreaterThan(0);
    expect(first.requests).toBeGreaterThanOrEqual(100);
    // The size is fixed at the first batch, so batches of a run compare like for like.
    expect(second.requests).toBe(first.requests);
    expect(served - warmedUp).toBe(first.requests + second.requests);
  });

  it('sizes its first batch from one calibrating step when there was no warm-up', async () => {
    const timer = new RequestTimer(hello, { method: 'GET', path: '/' });
    const batch = await timer.measure(5);
    expect(Number.isFinite(batch.ns_per_request)).toBe(true);
    expect(batch.requests).toBeGreaterThanOrEqual(100);
  });
});

async function listenerOf(file: string): Promise<RequestListener> {
  const module = (await import(file)) as { createListener: CreateListener };
  return module.createListener();
}

// Imported, a contender listens on nothing: this is how the in-process run gets each one's listener.
describe.each(IN_PROCESS_CONTENDERS)('contender $id in-process', (contender) => {
  it('answers every scenario as expected through its exported listener', async () => {
    const listener = await listenerOf(contender.file);
    const send: Send = (request) => answerInProcess(listener, request);
    for (const scenario of SCENARIOS.filter((candidate) => answers(contender.id, candidate))) {
      const answer = await send(await preparedRequest(scenario, send));
      expect({ scenario: scenario.id, mismatches: answerMismatches(scenario.expected, answer) }).toEqual({
        scenario: scenario.id,
        mismatches: [],
      });
    }
  }, 30_000);

  it('rejects an out-of-range query with a 4xx, so it really validates the query', async () => {
    const answer = await answerInProcess(await listenerOf(contender.file), INVALID_QUERY_REQUEST);
    expect({ status: answer.status, client: answer.status >= 400 && answer.status < 500 }).toEqual({
      status: answer.status,
      client: true,
    });
  }, 30_000);
});

smallAppChecks(
  'in-process',
  async (id) => {
    const contender = IN_PROCESS_CONTENDERS.find((candidate) => candidate.id === id);
    if (!contender) throw new Error(`no contender ${id}`);
    const listener = await listenerOf(contender.file);
    return (request) => answerInProcess(listener, request);
  },
  (id) => IN_PROCESS_CONTENDERS.some((contender) => contender.id === id),
);
