// Slow and flooding clients, and bodies over the limit, against the real reference server: each attack is
// bounded, and afterwards a fresh client is answered as usual.
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HttpReceiveEvent } from '../../src/index.js';
import type { HttpApp } from '../node/helpers.js';
import { deferred, MiB, watchRss } from '../node/helpers.js';
import { HOSTILE_LONG } from './fuzz-runs.js';
import type { HostileServer } from './hostile-server.js';
import { sendRaw, startHostileServer } from './hostile-server.js';

// The long mode (FLAGON_HOSTILE_LONG=1) floods ten times harder.
const SCALE = HOSTILE_LONG ? 10 : 1;
const LONG_TIMEOUT = HOSTILE_LONG ? 120_000 : undefined;

let target: HostileServer | undefined;
afterEach(async () => {
  await target?.stop();
  target = undefined;
});

async function start(...args: Parameters<typeof startHostileServer>): Promise<HostileServer> {
  target = await startHostileServer(...args);
  return target;
}

async function expectFreshClientServed(port: number): Promise<void> {
  const reply = await sendRaw(port, 'GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  expect(reply.status).toBe(200);
  expect(reply.text.endsWith('ok:/fresh')).toBe(true);
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

async function openConnections(): Promise<number> {
  const { httpServer } = target!.server;
  return new Promise((resolve, reject) =>
    httpServer.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

describe('reference server: flooding clients', () => {
  it(
    `survives ${300 * SCALE} connections opened and dropped, some mid-head, and holds none of them`,
    async () => {
      const { port } = await start();
      for (let batch = 0; batch < 6 * SCALE; batch += 1) {
        const sockets = await Promise.all(Array.from({ length: 50 }, () => open(port)));
        sockets.forEach((socket, i) => {
          if (i % 3 === 1) socket.write('GET /half HTTP/1.1\r\nHo');
          if (i % 3 === 2) socket.write('POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc');
          socket.destroy();
        });
      }
      await expectFreshClientServed(port);
      let left = -1;
      for (let attempt = 0; attempt < 500 && left !== 0; attempt += 1) {
        left = await openConnections();
        if (left !== 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(left).toBe(0);
      expect(target!.seen.filter((request) => request === 'GET /half')).toEqual([]);
    },
    LONG_TIMEOUT,
  );

  it(
    `answers a pipelined flood of ${2000 * SCALE} requests on one connection, each in order`,
    async () => {
      const { port } = await start();
      const count = 2000 * SCALE;
      const requests = Array.from({ length: count }, (_, i) => `GET /r${i} HTTP/1.1\r\nHost: x\r\n\r\n`);
      const reply = await sendRaw(port, requests.join(''), count);
      expect(reply.responses).toBe(count);
      const order = [...reply.text.matchAll(/ok:\/r(\d+)/g)].map((match) => Number(match[1]));
      expect(order).toEqual(Array.from({ length: count }, (_, i) => i));
      await expectFreshClientServed(port);
    },
    LONG_TIMEOUT,
  );

  it(
    `serves others while ${100 * SCALE} clients hold half-sent heads`,
    async () => {
      const { port } = await start();
      const holders = await Promise.all(Array.from({ length: 100 * SCALE }, () => open(port)));
      for (const socket of holders) socket.write('GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: a');
      await expectFreshClientServed(port);
      for (const socket of holders) socket.destroy();
      expect(target!.seen).not.toContain('GET /slow');
    },
    LONG_TIMEOUT,
  );

  it('cuts a client that never reads a large response, without buffering it, and keeps serving', async () => {
    const sendFailed = deferred<unknown>();
    let chunksSent = 0;
    const bigAnswer: HttpApp = async (scope, _receive, send) => {
      if (scope.path === '/fresh') {
        await send({ type: 'http.response.start', status: 200, headers: [['content-length', '9']] });
        await send({ type: 'http.response.body', body: 'ok:/fresh' });
        return;
      }
      await send({ type: 'http.response.start', status: 200 });
      const chunk = new Uint8Array(MiB);
      try {
        // 256 MiB if it were all buffered: backpressure must hold the app back instead.
        for (; chunksSent < 256; chunksSent += 1)
          await send({ type: 'http.response.body', body: chunk, more: true });
        await send({ type: 'http.response.body' });
      } catch (error) {
        sendFailed.resolve(error);
      }
    };
    const { port } = await start(bigAnswer, { writeTimeout: 200 });
    const rss = watchRss();
    const stalled = await open(port);
    stalled.pause(); // never reads: the kernel buffers fill, then the server's
    stalled.write('GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    await expectFreshClientServed(port);
    expect(await sendFailed.promise).toMatchObject({ code: 'ERR_CLIENT_DISCONNECTED' });
    const growth = rss.stop();
    stalled.destroy();
    expect(chunksSent).toBeLessThan(64);
    expect(growth).toBeLessThan(128 * MiB);
    await expectFreshClientServed(port);
  });
});

describe('reference server: bodies over maxBodySize', () => {
  const limited = { maxBodySize: 1000 };

  it('answers 413 to a declared body over the limit, closes, and never parses its bytes as a request', async () => {
    const { port } = await start(undefined, limited);
    const hidden = 'GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n';
    const body = hidden.padEnd(2000, 'x');
    const reply = await sendRaw(
      port,
      `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n${body}`,
    );
    expect(reply.status).toBe(413);
    expect(reply.responses).toBe(1);
    expect(reply.closed).toBe(true);
    expect(target!.seen).toEqual([]);
    await expectFreshClientServed(port);
  });

  it('answers 413 to a chunked body that grows past the limit in 1-byte chunks; the app sees the server close it', async () => {
    let last: HttpReceiveEvent | undefined;
    const reader: HttpApp = async (scope, receive, send) => {
      if (scope.path === '/upload') {
        do last = await receive();
        while (last.type === 'http.request' && last.more);
        return;
      }
      await send({ type: 'http.response.start', status: 200, headers: [['content-length', '9']] });
      await send({ type: 'http.response.body', body: 'ok:/fresh' });
    };
    const { port, logger } = await start(reader, limited);
    const chunks = '1\r\nx\r\n'.repeat(1500);
    const reply = await sendRaw(
      port,
      `POST /upload HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
    );
    expect(reply.status).toBe(413);
    expect(reply.closed).toBe(true);
    expect(last).toEqual({ type: 'http.disconnect', reason: 'server-closed' });
    expect(logger.text()).toContain('WARN request body over 1000 bytes: POST /upload');
    await expectFreshClientServed(port);
  });
});
