// The server owns the framing: a body that does not match the app's own Content-Length must never let
// the client read its tail (or its missing bytes) as the next response on a keep-alive connection.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpSendEvent } from '../../src/index.js';
import type { CapturedLogger, HttpApp, TestServer } from '../node/helpers.js';
import { captureLogger, listenWith, rawExchange } from '../node/helpers.js';

/** A response a pipelining client would take for the server's, if the first one's body ran over. */
const SMUGGLED = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nEVIL!';

let running: TestServer | undefined;
let logger: CapturedLogger;
let dir: string;
const failures: unknown[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'flagon-framing-'));
  await writeFile(join(dir, 'ten.txt'), '0123456789');
});
afterAll(() => rm(dir, { recursive: true, force: true }));
afterEach(async () => {
  await running?.close();
  running = undefined;
  failures.length = 0;
});

/** Serves `/next` (a proper 200) and `/bad`, whose app sends `events` and records a refused send. */
async function serving(events: HttpSendEvent[]): Promise<TestServer> {
  logger = captureLogger();
  const app: HttpApp = async (scope, _receive, send) => {
    if (scope.path === '/next') {
      await send({ type: 'http.response.start', status: 200, headers: [['content-length', '4']] });
      await send({ type: 'http.response.body', body: 'next' });
      return;
    }
    try {
      for (const event of events) await send(event);
    } catch (error) {
      failures.push(error);
      throw error;
    }
  };
  running = await listenWith(app, { logger });
  return running;
}

const start = (length: string, status = 200): HttpSendEvent => ({
  type: 'http.response.start',
  status,
  headers: [
    ['content-type', 'text/plain'],
    ['content-length', length],
  ],
});
const chunk = (body: string, more = true): HttpSendEvent => ({ type: 'http.response.body', body, more });

/** `GET /bad` then `GET /next` on one connection, written at once; what came back until the close. */
function pipelined(port: number, method = 'GET'): Promise<{ text: string; closed: boolean }> {
  return rawExchange(
    port,
    `${method} /bad HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n`,
    (text) => text.endsWith('\r\n\r\nnext'),
  );
}

const statusLines = (text: string): string[] => text.match(/HTTP\/1\.1 \d{3}[^\r]*/g) ?? [];

describe('a streamed body longer than its Content-Length', () => {
  it('is refused: the send rejects, the connection closes, no second response can be read', async () => {
    const { port } = await serving([start('3'), chunk('abc'), chunk(SMUGGLED), chunk('', false)]);
    const { text, closed } = await pipelined(port);
    expect(closed).toBe(true);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(text.endsWith('\r\n\r\nabc')).toBe(true);
    expect(text).not.toContain('EVIL');
    expect(text).not.toContain('next');
    expect(String(failures[0])).toBe(
      'TypeError: the body is longer than its content-length (declared 3 bytes, sent 46)',
    );
    expect(logger.text()).toContain(
      'GET /bad: the body is longer than its content-length (declared 3 bytes, sent 46); connection closed',
    );
  });

  it('is refused for a file sent as part of the body', async () => {
    const { port } = await serving([
      start('5'),
      chunk('ab'),
      { type: 'http.response.file', path: join(dir, 'ten.txt'), more: true },
      chunk('', false),
    ]);
    const { text, closed } = await pipelined(port);
    expect(closed).toBe(true);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(text.endsWith('\r\n\r\nab')).toBe(true);
    expect(logger.text()).toContain(
      'GET /bad: the body is longer than its content-length (declared 5 bytes, sent 12)',
    );
  });
});

describe('a streamed body shorter than its Content-Length', () => {
  it('ends with the connection closed: the next request is not answered on it, and it is logged', async () => {
    const { port } = await serving([start('10'), chunk('abc'), chunk('', false)]);
    const { text, closed } = await pipelined(port);
    expect(closed).toBe(true);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(text).toContain('content-length: 10\r\n');
    expect(text.endsWith('\r\n\r\nabc')).toBe(true);
    expect(String(failures[0])).toBe(
      'TypeError: the body is shorter than its content-length (declared 10 bytes, sent 3)',
    );
    expect(logger.text()).toContain(
      'GET /bad: the body is shorter than its content-length (declared 10 bytes, sent 3); connection closed',
    );
  });

  it('ends with the connection closed when the final chunk is a file that falls short', async () => {
    const { port } = await serving([
      start('20'),
      chunk('ab'),
      { type: 'http.response.file', path: join(dir, 'ten.txt') },
    ]);
    const { text, closed } = await pipelined(port);
    expect(closed).toBe(true);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK']);
    expect(text).not.toContain('next');
    expect(logger.text()).toContain('(declared 20 bytes, sent 12); connection closed');
  });
});

describe('a body known whole that does not match its Content-Length', () => {
  it('is refused before the head goes out: a clean 500, and the connection stays in step', async () => {
    const { port } = await serving([start('3'), chunk(`abc${SMUGGLED}`, false)]);
    const { text, closed } = await pipelined(port);
    expect(closed).toBe(false);
    expect(statusLines(text)).toEqual(['HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 200 OK']);
    expect(text).not.toContain('EVIL');
    expect(text.endsWith('\r\n\r\nnext')).toBe(true);
    expect(logger.text()).toContain(
      'GET /bad: the body is longer than its content-length (declared 3 bytes, sent 46); its start was refused',
    );
  });

  it('is refused when too short, and for a whole file of another length', async () => {
    await serving([start('10'), chunk('abc', false)]);
    const short = await pipelined(running!.port);
    expect(statusLines(short.text)).toEqual(['HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 200 OK']);
    await running!.close();
    await serving([start('4'), { type: 'http.response.file', path: join(dir, 'ten.txt') }]);
    const file = await pipelined(running!.port);
    expect(statusLines(file.text)).toEqual(['HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 200 OK']);
    expect(logger.text()).toContain('(declared 4 bytes, sent 10); its start was refused');
  });

  it('refuses a Content-Length that is not a number of bytes', async () => {
    const { port } = await serving([start('3, 4'), chunk('abc', false)]);
    const { text } = await pipelined(port);
    expect(statusLines(text)).toEqual(['HTTP/1.1 500 Internal Server Error', 'HTTP/1.1 200 OK']);
    expect(logger.text()).toContain('content-length must be a number of bytes, got "3, 4"');
  });
});

describe('a body that matches its Content-Length, or has none to send', () => {
  it('streams in chunks and keeps the connection for the next response', async () => {
    const { port } = await serving([start('6'), chunk('abc'), chunk('def', false)]);
    const { text, closed } = await pipelined(port);
    expect(closed).toBe(false);
    expect(statusLines(text)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    expect(text).toContain('\r\n\r\nabcdefHTTP/1.1 200 OK');
    expect(logger.lines).toEqual([]);
  });

  it('takes a declared length on HEAD and 304, where no body goes out', async () => {
    const { port } = await serving([start('42'), chunk('', false)]);
    const head = await pipelined(port, 'HEAD');
    expect(statusLines(head.text)).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
    expect(head.text).toContain('content-length: 42\r\n');
    await running!.close();
    const { port: second } = await serving([start('42', 304), chunk('', false)]);
    const notModified = await pipelined(second);
    expect(statusLines(notModified.text)).toEqual(['HTTP/1.1 304 Not Modified', 'HTTP/1.1 200 OK']);
    expect(logger.lines).toEqual([]);
  });
});
