// The lifespan protocol around serving (spec §4). A server that never calls the app with a lifespan
// scope (a bare request handler) is skipped here rather than failed.
import assert from 'node:assert/strict';
import type { CheckContext, ConformanceCheck, ServerUnderTest } from '../types.js';
import { httpApp, protocolLifespan, readBody, respond } from './apps.js';

const NO_LIFESPAN = 'the server does not run the lifespan protocol';

/** An app that answers `/` with 200 and handles the lifespan scope as `lifespan` says. */
function servingApp(lifespan: Parameters<typeof httpApp>[1]) {
  return httpApp(async (scope, receive, send) => {
    await readBody(receive);
    await respond(send, 200, `served ${scope.path}`);
  }, lifespan);
}

const startupFirst: ConformanceCheck = {
  id: 'lifespan-startup-first',
  spec: '§4 [S-LIFESPAN-FIRST]',
  rule: 'lifespan startup completes before the server accepts requests',
  app: (mailbox) =>
    servingApp(
      protocolLifespan(mailbox, () => new Promise((resolve) => setTimeout(resolve, 50))), // a startup that takes a while
    ),
  async interact({ start, client, mailbox, skip }) {
    const { url } = await start();
    if (!mailbox.has('startup-received')) skip(NO_LIFESPAN);
    assert.ok(mailbox.has('startup-complete'), 'the server was started before lifespan startup completed');
    assert.equal((await client.request(url)).status, 200);
  },
};

const startupFailed: ConformanceCheck = {
  id: 'lifespan-startup-failed',
  spec: '§4 [S-LIFESPAN-FAILED]',
  rule: 'a server whose app sent lifespan.startup.failed does not serve',
  app: (mailbox) =>
    servingApp(async (_scope, receive, send) => {
      await receive();
      mailbox.post('startup-received');
      await send({ type: 'lifespan.startup.failed', message: 'conformance: refusing to start' });
    }),
  async interact({ start, client, mailbox, skip }) {
    let server: ServerUnderTest;
    try {
      server = await start();
    } catch {
      return; // refused to start: the rule holds
    }
    if (!mailbox.has('startup-received')) skip(NO_LIFESPAN);
    const res = await client.request(server.url).catch(() => undefined);
    assert.equal(res, undefined, `the server answered ${res?.status} after lifespan.startup.failed`);
  },
};

const unsupported: ConformanceCheck = {
  id: 'lifespan-unsupported',
  spec: '§4 [S-LIFESPAN-UNSUPPORTED]',
  rule: 'a server whose app rejects or resolves at once for the lifespan scope serves without lifespan',
  app: () => {
    let calls = 0;
    return servingApp(async () => {
      calls += 1;
      if (calls === 1) throw new Error('this app has no lifespan');
    });
  },
  async interact({ start, client }: CheckContext) {
    for (const how of ['rejects', 'resolves']) {
      const { url } = await start();
      assert.equal((await client.request(url)).status, 200, `when the app ${how} for the lifespan scope`);
    }
  },
};

const shutdownOnStop: ConformanceCheck = {
  id: 'lifespan-shutdown',
  spec: '§4',
  rule: 'a server that ran lifespan startup sends lifespan.shutdown when it stops, and waits for the answer',
  app: (mailbox) => servingApp(protocolLifespan(mailbox)),
  async interact({ start, client, mailbox, skip }) {
    const server = await start();
    if (!mailbox.has('startup-received')) skip(NO_LIFESPAN);
    assert.equal((await client.request(server.url)).status, 200);
    await (server.drain ? server.drain() : server.close());
    assert.ok(mailbox.has('shutdown-complete'), 'the server stopped without a finished lifespan shutdown');
  },
};

export const LIFESPAN_CHECKS: readonly ConformanceCheck[] = [
  startupFirst,
  startupFailed,
  unsupported,
  shutdownOnStop,
];
