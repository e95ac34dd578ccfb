// The framework frames the bodies it knows: a `content-length` of the user's own must be the body's,
// or the response is an error (a 500 through the error handlers), never a body the client misreads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toNodeHandler } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { rawExchange } from '../../../gateway/test/node/helpers.js';
import { FileBody, Flagon, Response, stream, text } from '../../src/index.js';
import { recordingLogger, serve } from './helpers.js';

const MISMATCH =
  'Response content-length "3" does not match its body (5 bytes): leave it out, the framework sets it';

describe('a content-length the user sets', () => {
  it('is refused when it does not match a text body: 500 through the error handlers, logged', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/short', () => text('hello', { headers: { 'content-length': '3' } }));
    const t = await serve(app);
    const response = await t.request({ path: '/short' });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('hello');
    expect(logger.lines).toEqual([`ERROR GET /short failed ${MISMATCH}`]);

    const handled = new Flagon({ logger: recordingLogger() });
    handled.get('/short', () => text('hello', { headers: { 'content-length': '3' } }));
    handled.errorHandler(500, (_c, error) => `refused: ${(error.cause as Error).message}`);
    const answer = await (await serve(handled)).request({ path: '/short' });
    expect([answer.status, await answer.text()]).toEqual([500, `refused: ${MISMATCH}`]);
  });

  it('is kept, once, when it matches the body', async () => {
    const app = new Flagon();
    app.get(
      '/ok',
      () => new Response(new TextEncoder().encode('hello'), { headers: { 'content-length': '5' } }),
    );
    const response = await (await serve(app)).request({ path: '/ok' });
    expect(response.headers.filter(([name]) => name === 'content-length')).toEqual([['content-length', '5']]);
    expect(await response.text()).toBe('hello');
  });

  it("is the user's to announce on HEAD, where no body goes out", async () => {
    const app = new Flagon({ logger: recordingLogger() });
    app.get('/big', () => new Response(null, { headers: { 'content-length': '1000' } }));
    const t = await serve(app);
    const head = await t.request({ method: 'HEAD', path: '/big' });
    expect([head.status, head.header('content-length'), await head.text()]).toEqual([200, '1000', '']);
    expect((await t.request({ path: '/big' })).status).toBe(500);
  });

  it('is refused when an after hook sets one the body does not have', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/hooked', () => text('hello'));
    app.after((_c, response) => {
      response.headers.set('content-length', '3');
    });
    const response = await (await serve(app)).request({ path: '/hooked' });
    expect(response.status).toBe(500);
    expect(logger.lines.join('\n')).toContain(MISMATCH);
  });

  it('is refused when it does not match a file body', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flagon-length-'));
    writeFileSync(join(dir, 'five.txt'), 'hello');
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get(
      '/file',
      () => new Response(new FileBody(join(dir, 'five.txt')), { headers: { 'content-length': '3' } }),
    );
    const response = await (await serve(app)).request({ path: '/file' });
    expect(response.status).toBe(500);
    expect(logger.lines).toEqual([`ERROR GET /file failed ${MISMATCH}`]);
  });
});

describe('a streamed body against a content-length the user set, over a real socket', () => {
  it('is cut where it goes past it: no tail is read as the next response', async () => {
    const logger = recordingLogger();
    const app = new Flagon({ logger });
    app.get('/next', () => 'next');
    app.get('/stream', () =>
      stream(
        (async function* () {
          yield 'abc';
          yield 'HTTP/1.1 200 OK\r\ncontent-length: 4\r\n\r\nEVIL';
        })(),
        { headers: { 'content-length': '3' } },
      ),
    );
    const gatewayLog = recordingLogger();
    const server = createServer(toNodeHandler(app, { logger: gatewayLog }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { text } = await rawExchange(
        port,
        'GET /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n',
      );
      expect(text.match(/HTTP\/1\.1 \d{3}/g)).toEqual(['HTTP/1.1 200']);
      expect(text).not.toContain('EVIL');
      expect(text).not.toContain('next');
      expect(gatewayLog.lines[0]).toBe(
        'ERROR GET /stream: the body is longer than its content-length (declared 3 bytes, sent 45); connection closed',
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
