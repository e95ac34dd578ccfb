// Debian's nginx, configured as docs/deploy.md says, in front of `flagon-gateway serve --workers 2` run
// with the doc's own flags, over a unix socket and over TCP: what a user of that setup would see.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../node/helpers.js';
import type { CliRun } from '../server/cli-process.js';
import { listeningUrl, runCli, stop } from '../server/cli-process.js';
import { steadyLoad } from '../server/load-loop.js';
import {
  commandServeArgs,
  DOC_SOCKET,
  deployDoc,
  replaceAll,
  siteConfig,
  unitServeArgs,
  upstreamNaming,
  withUpstream,
} from './deploy-doc.js';
import type { RunningNginx } from './nginx-process.js';
import { nginxMissing, startNginx } from './nginx-process.js';
import type { TextResponse } from './tls-client.js';
import { openEventStream, streamUpload, tlsRequest } from './tls-client.js';

const APP = 'packages/gateway/test/nginx/fixtures/proxied-app.ts';
const TCP_MARKER = '--bind 127.0.0.1:8000';
// The request loops: keep-alive connections to nginx only (nginx opens a new one to the gateway for
// every request anyway), so that TLS handshakes do not eat the loop on a busy machine.
const LOAD = (ca: string) => ({ ca, loops: 8, newConnections: false });
// The reload check sends 2,000+ requests through TLS, about 10 s on a busy machine: by default it runs
// over the unix socket only (the unit's setup), over TCP too with this variable set.
const RELOAD_OVER_TCP = process.env.FLAGON_NGINX_RELOAD_OVER_TCP === '1';

const missing = nginxMissing();
// Said on the console too: the default reporter shows only a count of skipped tests.
if (missing !== undefined) process.stderr.write(`nginx tests skipped: ${missing}\n`);

/** How the gateway listens, and the site that reaches it: both from the doc, with a path or port swapped. */
interface Transport {
  readonly name: string;
  /** Whether the 2,000-request reload runs over this transport (see {@link RELOAD_OVER_TCP}). */
  readonly reload: boolean;
  gatewayArgs(doc: string, folder: string): string[];
  site(doc: string, folder: string, listening: string): string;
}

const transports: Transport[] = [
  {
    name: 'over a unix socket (the systemd unit)',
    reload: true,
    gatewayArgs: (doc, folder) =>
      unitServeArgs(doc).map((arg) => arg.replace(DOC_SOCKET, join(folder, 'flagon.sock'))),
    site: (doc, folder) => replaceAll(siteConfig(doc), DOC_SOCKET, join(folder, 'flagon.sock')),
  },
  {
    name: 'over TCP',
    reload: RELOAD_OVER_TCP,
    gatewayArgs: (doc) =>
      commandServeArgs(doc, 'app.ts', TCP_MARKER).map((arg) =>
        arg === '127.0.0.1:8000' ? '127.0.0.1:0' : arg,
      ),
    site: (doc, _folder, listening) => {
      const upstream = upstreamNaming(doc, '127.0.0.1:8000');
      return withUpstream(siteConfig(doc), replaceAll(upstream, '127.0.0.1:8000', new URL(listening).host));
    },
  },
];

const title = (name: string) =>
  `nginx (as docs/deploy.md) in front of flagon-gateway --workers 2, ${name}${missing ? ` (skipped: ${missing})` : ''}`;

describe.skipIf(missing !== undefined).each(transports)('$name', (transport) => {
  let gateway: CliRun | undefined;
  let nginx: RunningNginx | undefined;
  let folder = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'flagon-behind-nginx-'));
    const doc = deployDoc();
    gateway = runCli(['serve', APP, ...transport.gatewayArgs(doc, folder)]);
    const listening = await listeningUrl(gateway);
    await eventually(() => gateway!.stderr().includes('Supervising'), 40_000);
    nginx = await startNginx(transport.site(doc, folder, listening));
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    if (gateway !== undefined && gateway.child.exitCode === null) {
      gateway.child.kill('SIGTERM');
      await Promise.race([gateway.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      stop(gateway);
    }
    if (folder) rmSync(folder, { recursive: true, force: true });
  }, 20_000);

  it(title('the app sees the client address and https from nginx, and logs that client'), async () => {
    const { status, body } = await tlsRequest(`${nginx!.url}/whoami`, nginx!.ca);
    expect(status).toBe(200);
    // nginx reaches the gateway from 127.0.0.1 or over the socket: ::1 can only come from X-Forwarded-For.
    expect(JSON.parse(body)).toMatchObject({
      client: '::1',
      scheme: 'https',
      host: new URL(nginx!.url).host,
    });
    await eventually(() => /^::1 - - \[.+\] "GET \/whoami HTTP\/1\.1" 200 \d+$/m.test(gateway!.stdout()));
  });

  it(
    title('an event stream passes through unbuffered: its first event arrives while it is open'),
    async () => {
      const stream = await openEventStream(`${nginx!.url}/events`, nginx!.ca);
      try {
        expect(stream.first).toMatch(/^data: hello from \d+\n\n$/);
        expect(stream.status).toBe(200);
        expect(stream.ended()).toBe(false);
      } finally {
        stream.close();
      }
    },
  );

  it(title('a 50 MiB upload, streamed by the client, reaches the app whole'), async () => {
    const { sent, response } = await streamUpload(`${nginx!.url}/upload`, nginx!.ca, 800);
    expect(response.status).toBe(200);
    expect(sent.bytes).toBe(50 * 1024 * 1024);
    expect(response.body).toBe(`${sent.bytes} bytes, sha256 ${sent.sha256}`);
  }, 60_000);

  it(title(
    'workers killed with SIGKILL, one after the other, under a request loop cost no request',
  ), async () => {
    const ca = nginx!.ca;
    // Both workers, each holding requests when it dies (/hold?pid=N waits for good in worker N, any
    // other worker answers it at once). The kernel picks the worker: ask until each answered.
    const pids = new Set<number>();
    for (let i = 0; i < 200 && pids.size < 2; i++)
      pids.add(JSON.parse((await tlsRequest(`${nginx!.url}/whoami`, ca)).body).pid as number);
    const [first, second] = [...pids] as [number, number];
    const held = [...(await holdRequestsIn(first)), ...(await holdRequestsIn(second))];

    // The second dies once nginx sent what the first held elsewhere: within nginx's fail_timeout (10 s),
    // so a socket line taken out of the group after the first death (max_fails) would be missed now.
    const readyBefore = readyCount(gateway!);
    let stage = 0;
    const report = await steadyLoad(
      `${nginx!.url}/`,
      () => {
        if (stage === 0) {
          stage = 1;
          process.kill(first, 'SIGKILL');
        } else if (stage === 1 && firstRelieved()) {
          stage = 2;
          process.kill(second, 'SIGKILL');
        }
        return stage === 2 && readyCount(gateway!) >= readyBefore + 2;
      },
      500,
      LOAD(ca),
    );
    expect(report.failures, nginx!.errorLog()).toEqual([]);
    for (const pid of [first, second])
      expect(gateway!.stderr()).toMatch(new RegExp(`Worker ${pid} was killed by SIGKILL after [\\d.]+ s`));
    // What the dead held was sent again by nginx, and answered by a live worker.
    for (const { pid, response } of held) {
      const { status, body } = await response;
      expect(status, nginx!.errorLog()).toBe(200);
      expect(body).toMatch(/^pid \d+$/);
      expect(body).not.toBe(`pid ${pid}`);
    }

    function firstRelieved(): boolean {
      return held.filter((h) => h.pid === first).every((h) => h.answered());
    }
  }, 60_000);

  /** Sends /hold?pid=`pid` until worker `pid` holds two of them; each may be answered by another. */
  async function holdRequestsIn(pid: number): Promise<Held[]> {
    const held: Held[] = [];
    for (let i = 0; i < 40 && holding(gateway!, pid) < 2; i++) {
      const before = holding(gateway!, pid);
      let answered = false;
      const response = tlsRequest(`${nginx!.url}/hold?pid=${pid}`, nginx!.ca).finally(() => {
        answered = true;
      });
      held.push({ pid, response, answered: () => answered });
      await eventually(() => answered || holding(gateway!, pid) > before, 20_000);
    }
    expect(holding(gateway!, pid)).toBe(2);
    return held;
  }

  const reloadSkipped = transport.reload
    ? ''
    : ' (skipped: set FLAGON_NGINX_RELOAD_OVER_TCP=1 to run it over TCP)';
  it.skipIf(!transport.reload)(
    title(`a SIGHUP reload under a loop of 2,000+ requests drops none${reloadSkipped}`),
    async () => {
      const before = new Set(answering(await Promise.all([0, 1, 2, 3].map(() => whoSays(nginx!)))));
      let signalled = false;
      const report = await steadyLoad(
        `${nginx!.url}/`,
        () => {
          if (!signalled) {
            signalled = true;
            gateway!.child.kill('SIGHUP');
          }
          return gateway!.stderr().includes('Reload complete: 2 worker(s) replaced');
        },
        2_000,
        LOAD(nginx!.ca),
      );
      expect(report.failures, nginx!.errorLog()).toEqual([]);
      expect(report.ok).toBeGreaterThanOrEqual(2_000);
      // Old workers answered part of the loop and new ones the rest; only new ones answer now.
      const after = answering(await Promise.all([0, 1, 2, 3].map(() => whoSays(nginx!))));
      expect(after.filter((pid) => before.has(pid))).toEqual([]);
      expect(report.bodies.size).toBeGreaterThanOrEqual(3);
    },
    90_000,
  );
});

/** A request sent to be held by worker `pid` (or answered at once by another). */
interface Held {
  readonly pid: number;
  readonly response: Promise<TextResponse>;
  answered(): boolean;
}

/** How many requests the fixture says worker `pid` held. */
function holding(run: CliRun, pid: number): number {
  return run.stderr().split(`holding a request in ${pid}\n`).length - 1;
}

function readyCount(run: CliRun): number {
  return (run.stderr().match(/Worker \d+ ready/g) ?? []).length;
}

async function whoSays(nginx: RunningNginx): Promise<string> {
  return (await tlsRequest(`${nginx.url}/`, nginx.ca)).body;
}

function answering(bodies: string[]): string[] {
  return [...new Set(bodies)];
}
