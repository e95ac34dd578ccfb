// Issue 26, item 4: a cap on open connections; one beyond it is closed as it arrives, and logged.
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveServeOptions, SERVE_DEFAULTS } from '../../src/server/index.js';
import { eventually, rawExchange } from '../node/helpers.js';
import type { ServingCli } from '../server/cli-process.js';
import { serveCli, stop } from '../server/cli-process.js';
import { echo, serveLimited } from './limits-server.js';

const open: Socket[] = [];
let cli: ServingCli | undefined;
afterEach(() => {
  for (const socket of open.splice(0)) socket.destroy();
  stop(cli);
});

/** Opens a connection and resolves once it is established (the server accepted or dropped it). */
function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    open.push(socket);
  });
}

describe('maxConnections', () => {
  it('closes a connection beyond the limit at once, logs it, and serves again once one closed', async () => {
    const { port, rejections } = await serveLimited(echo, { maxConnections: 2 });
    const first = await openConnection(port);
    await openConnection(port);
    const refused = await rawExchange(port, 'GET /third HTTP/1.1\r\nHost: a\r\n\r\n');
    expect(refused.text).toBe('');
    expect(refused.closed).toBe(true);
    expect(rejections()).toEqual([
      expect.stringContaining('WARN closed from 127.0.0.1: over maxConnections (2)'),
    ]);

    first.destroy();
    // The server hears the close a moment later: until then a new connection is still one too many.
    let served = { text: '', closed: true };
    for (let attempt = 0; attempt < 100 && served.text === ''; attempt++) {
      served = await rawExchange(port, 'GET /again HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n');
    }
    expect(served.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\/again {2}$/);
  });
});

describe('flagon-gateway', () => {
  it('applies its timeout and limit flags, and logs what they refuse on stderr', async () => {
    cli = await serveCli('examples/hello-gateway/app.ts', [
      '--header-timeout',
      '0.3',
      '--request-timeout',
      '1',
      '--max-header-count',
      '5',
      '--no-access-log',
    ]);
    const fields = Array.from({ length: 6 }, (_, i) => `X-F${i}: ${i}\r\n`).join('');
    const many = await rawExchange(cli.port, `GET / HTTP/1.1\r\nHost: a\r\n${fields}\r\n`);
    expect(many.text).toMatch(/^HTTP\/1\.1 431 /);
    const slow = await rawExchange(cli.port, 'GET / HTTP/1.1\r\nHost: a\r\n');
    expect(slow.text).toMatch(/^HTTP\/1\.1 408 /);
    const running = cli;
    await eventually(() => /rejected 408 from 127\.0\.0\.1/.test(running.stderr()));
    expect(running.stderr()).toContain('WARN rejected 431 from 127.0.0.1: more than 5 header fields (GET /)');
  });
});

describe('the limits as options', () => {
  it('has documented defaults and refuses numbers that cannot be limits at startup', () => {
    expect(resolveServeOptions()).toMatchObject({
      headersTimeout: 20_000,
      bodyTimeout: 30_000,
      keepAliveTimeout: 5_000,
      responseTimeout: 0,
      maxConnections: 1000,
      maxHeaderCount: 100,
      maxHeaderSize: 16 * 1024,
    });
    expect(SERVE_DEFAULTS.maxConnections).toBe(1000);
    expect(() => resolveServeOptions({ maxConnections: 1.5 })).toThrow(
      'serve: maxConnections must be a whole number >= 0, got 1.5',
    );
    expect(() => resolveServeOptions({ bodyTimeout: -1 })).toThrow(
      'serve: bodyTimeout must be a number >= 0',
    );
    expect(() => resolveServeOptions({ headersTimeout: 10_000, requestTimeout: 5_000 })).toThrow(
      'serve: headersTimeout (10000) must not exceed requestTimeout (5000)',
    );
  });
});
