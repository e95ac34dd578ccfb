// The memory transport holds a body to the app's own Content-Length ([S-CONTENT-LENGTH-MATCH]), as the
// Node bridge does: a mismatch rejects the send and cuts the response, so a test sees what a client would.
import type { App, HttpSendEvent } from '@flagon/gateway';
import { createMemoryTransport } from '@flagon/gateway';
import { describe, expect, it } from 'vitest';
import { captureLogger } from '../node/helpers.js';

/** An app that sends `events` in order and records the error of a refused send. */
function sending(events: HttpSendEvent[], failures: unknown[]): App {
  return async (scope, _receive, send) => {
    if (scope.type !== 'http') return;
    try {
      for (const event of events) await send(event);
    } catch (error) {
      failures.push(error);
      throw error;
    }
  };
}

const start = (length: string, status = 200): HttpSendEvent => ({
  type: 'http.response.start',
  status,
  headers: [['content-length', length]],
});

async function outcome(events: HttpSendEvent[], method = 'GET') {
  const failures: unknown[] = [];
  const logger = captureLogger('info');
  const transport = createMemoryTransport(sending(events, failures), { logger });
  const response = await transport.request({ method, path: '/framed' });
  const body = await response.text().then(
    (text) => text,
    (error: unknown) => `cut: ${String(error)}`,
  );
  await response.completed;
  await transport.close();
  return { body, failures: failures.map(String), log: logger.text() };
}

describe('memory transport: a body against its own Content-Length', () => {
  it('cuts a body that goes past it, rejecting the send, and logs it', async () => {
    const result = await outcome([
      start('3'),
      { type: 'http.response.body', body: 'abc', more: true },
      { type: 'http.response.body', body: 'def' },
    ]);
    const error = 'TypeError: the body is longer than its content-length (declared 3 bytes, sent 6)';
    expect(result.failures).toEqual([error]);
    expect(result.body).toBe(`cut: ${error}`);
    expect(result.log).toContain(
      'GET /framed: the body is longer than its content-length (declared 3 bytes, sent 6); the response was cut',
    );
  });

  it('cuts a body that ends short, whole or streamed', async () => {
    const error = 'TypeError: the body is shorter than its content-length (declared 10 bytes, sent 3)';
    const whole = await outcome([start('10'), { type: 'http.response.body', body: 'abc' }]);
    expect([whole.body, whole.failures]).toEqual([`cut: ${error}`, [error]]);
    const streamed = await outcome([
      start('10'),
      { type: 'http.response.body', body: 'abc', more: true },
      { type: 'http.response.body' },
    ]);
    expect(streamed.body).toBe(`cut: ${error}`);
  });

  it('refuses a start whose Content-Length is not a number of bytes: the app gets its 500', async () => {
    const result = await outcome([start('ten'), { type: 'http.response.body', body: 'abc' }]);
    expect(result.failures).toEqual(['TypeError: content-length must be a number of bytes, got "ten"']);
    expect(result.body).toBe('Internal Server Error');
  });

  it('passes a body that matches, and a length announced on HEAD or 304', async () => {
    const matching = await outcome([
      start('6'),
      { type: 'http.response.body', body: 'abc', more: true },
      { type: 'http.response.body', body: 'def' },
    ]);
    expect([matching.body, matching.failures, matching.log]).toEqual(['abcdef', [], '']);
    const head = await outcome([start('42'), { type: 'http.response.body' }], 'HEAD');
    expect([head.body, head.failures]).toEqual(['', []]);
    const notModified = await outcome([start('42', 304), { type: 'http.response.body' }]);
    expect([notModified.body, notModified.failures]).toEqual(['', []]);
  });
});
