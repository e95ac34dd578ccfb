// Issue 26, item 7: refused requests are logged with the peer and the reason, and a flood is capped.
import { describe, expect, it } from 'vitest';
import { RejectionLog } from '../../src/index.js';
import { captureLogger, eventually, rawExchange } from '../node/helpers.js';
import { echo, serveLimited } from './limits-server.js';

describe('the rejection log', () => {
  it('logs a flood of bad requests only up to its burst per window', async () => {
    const { port, rejections } = await serveLimited(echo);
    for (let i = 0; i < 25; i++) {
      const { text } = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n');
      expect(text).toMatch(/^HTTP\/1\.1 400 /);
    }
    const lines = rejections();
    expect(lines).toHaveLength(20);
    expect(new Set(lines)).toEqual(
      new Set(['[flagon] WARN rejected 400 from 127.0.0.1: more than one Host header (GET /)\n']),
    );
  });

  it('logs a framing error in a chunked body the app is reading, and answers 400', async () => {
    const { port, rejections } = await serveLimited(echo);
    const { text, closed } = await rawExchange(
      port,
      'POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n',
    );
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(closed).toBe(true);
    expect(rejections()).toEqual([
      expect.stringContaining('WARN rejected 400 from 127.0.0.1: malformed request (HPE_INVALID_CHUNK_SIZE)'),
    ]);
  });

  it('says how many rejections went unlogged once the window is over', async () => {
    const logger = captureLogger();
    const log = new RejectionLog(logger, { burst: 2, windowMs: 100 });
    for (let i = 0; i < 5; i++) log.record('192.0.2.1', 400, 'malformed request');
    expect(logger.lines).toHaveLength(2);
    await eventually(() => logger.lines.length === 3);
    expect(logger.lines[2]).toBe('[flagon] WARN 3 more rejection(s) not logged in 0.1 s (rate limit)\n');
  });

  it('keeps a client-sent target from forging log lines or flooding one', () => {
    const logger = captureLogger();
    new RejectionLog(logger).record(
      '192.0.2.1',
      400,
      'invalid Host header',
      `GET /a\r\n[flagon] INFO x${'y'.repeat(500)}`,
    );
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(
      /^\[flagon\] WARN rejected 400 from 192\.0\.2\.1: invalid Host header \(GET \/a\?\?\[flagon\] INFO xy+\.\.\.\)\n$/,
    );
    expect(logger.lines[0]!.length).toBeLessThan(250);
  });
});
