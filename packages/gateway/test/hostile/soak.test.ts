// The soak mode (FLAGON_SOAK=1, FLAGON_SOAK_SECONDS=N, 30 by default): the reference server takes a
// bounded mix of hostile and normal requests for N seconds; RSS and open file descriptors are sampled at
// start and end, and their growth must stay bounded. Skipped in the default run: it takes its time.
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MiB } from '../node/helpers.js';
import { sendRaw, startHostileServer } from './hostile-server.js';
import { MALFORMED_REQUESTS } from './malformed-requests.js';

const SOAK = process.env.FLAGON_SOAK === '1';
const SECONDS = Number(process.env.FLAGON_SOAK_SECONDS ?? 30);

/** What a soak measures of this process: resident memory and open file descriptors (Linux only). */
interface Sample {
  readonly rss: number;
  readonly fds: number | null;
}

function sample(): Sample {
  (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc, measure what is live, not garbage
  const fds = existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : null;
  return { rss: process.memoryUsage.rss(), fds };
}

function dropAfterConnect(port: number, bytes: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end(bytes);
      socket.destroy();
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

/** One round of the mix: normal requests, a pipeline, the malformed corpus, dropped clients, big bodies. */
async function round(port: number, index: number): Promise<number> {
  const ok = await sendRaw(port, `GET /normal/${index} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  expect(ok.status).toBe(200);
  const pipeline = Array.from({ length: 50 }, (_, i) => `GET /p${i} HTTP/1.1\r\nHost: x\r\n\r\n`).join('');
  expect((await sendRaw(port, pipeline, 50)).responses).toBe(50);
  const attack = MALFORMED_REQUESTS[index % MALFORMED_REQUESTS.length]!;
  await sendRaw(port, attack.bytes, attack.closes ? undefined : 1);
  await Promise.all(
    Array.from({ length: 10 }, () =>
      dropAfterConnect(port, 'POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 9999\r\n\r\nab'),
    ),
  );
  const big = await sendRaw(
    port,
    `POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n${'x'.repeat(5000)}`,
  );
  expect(big.status).toBe(413);
  return 1 + 50 + 1 + 10 + 1;
}

describe('soak', () => {
  it.skipIf(!SOAK)(
    `serves a hostile mix for FLAGON_SOAK_SECONDS (${SECONDS}) with bounded RSS and file descriptors (off by default: set FLAGON_SOAK=1)`,
    async () => {
      const target = await startHostileServer(undefined, { maxBodySize: 1000, accessLog: false });
      try {
        await round(target.port, 0); // warm-up: lazily loaded code and first buffers are not growth
        const start = sample();
        const until = Date.now() + SECONDS * 1000;
        let requests = 0;
        let rounds = 0;
        while (Date.now() < until) requests += await round(target.port, ++rounds);
        await new Promise((resolve) => setTimeout(resolve, 200)); // let closed sockets release their fds
        const end = sample();
        const growth = {
          rss: end.rss - start.rss,
          fds: end.fds === null ? null : end.fds - (start.fds ?? 0),
        };
        console.info(
          `soak: ${rounds} rounds, ${requests} requests in ${SECONDS} s; RSS ${(start.rss / MiB).toFixed(1)} -> ${(end.rss / MiB).toFixed(1)} MiB; fds ${start.fds} -> ${end.fds}`,
        );
        expect(growth.rss).toBeLessThan(64 * MiB);
        if (growth.fds !== null) expect(growth.fds).toBeLessThanOrEqual(5);
        expect(
          (await sendRaw(target.port, 'GET /last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).status,
        ).toBe(200);
      } finally {
        await target.stop();
      }
    },
    (SECONDS + 60) * 1000,
  );
});
