// What a draining server tells requests in flight, and how it stops (spec §3.4); needs `drain()`.
import assert from 'node:assert/strict';
import { decodeChunked, headerOf, parseRawResponse } from '../client.js';
import type { ConformanceCheck } from '../types.js';
import { httpApp, protocolLifespan, readBody, respond } from './apps.js';

const drainNotice: ConformanceCheck = {
  id: 'drain-notice',
  spec: '§3.4 [S-DRAIN] [S-DRAIN-ORDER]',
  rule: 'draining aborts scope.drain and sends http.drain to a request in flight, refuses new connections, lets the response finish with Connection: close and closes the connection, then runs lifespan shutdown',
  requires: { drain: true },
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      mailbox.post('waiting');
      const event = await receive();
      mailbox.post('notice', { type: event.type, drainAborted: scope.drain.aborted });
      await respond(send, 200, 'answered while draining'); // started after the drain began: Connection: close
      mailbox.post('finished');
    }, protocolLifespan(mailbox)),
  async interact({ start, client, mailbox }) {
    const server = await start();
    const socket = await client.connect(server.url);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET /long HTTP/1.1\r\nHost: conformance.test\r\n\r\n'); // HTTP/1.1: keep-alive unless told
    await mailbox.next('waiting');

    const drained = server.drain!().then(
      () => 'resolved',
      (error: unknown) => `rejected: ${String(error)}`,
    );
    assert.deepEqual(await mailbox.next('notice'), { type: 'http.drain', drainAborted: true });
    const refused = await client.connect(server.url).then(
      (late) => {
        late.destroy();
        return false;
      },
      () => true,
    );
    assert.ok(refused, 'the draining server still accepted a new connection');

    await closed; // a draining server closes the connection once the response is over
    const res = parseRawResponse(Buffer.concat(received));
    assert.equal(res.status, 200);
    assert.equal(headerOf(res.headers, 'connection')?.toLowerCase(), 'close');
    const chunked = headerOf(res.headers, 'transfer-encoding')?.toLowerCase() === 'chunked';
    assert.equal((chunked ? decodeChunked(res.body) : res.body).toString(), 'answered while draining');
    assert.equal(await drained, 'resolved');
    if (mailbox.has('shutdown-received')) {
      assert.ok(
        mailbox.log.indexOf('finished') < mailbox.log.indexOf('shutdown-received'),
        'lifespan shutdown began while a request was still in flight',
      );
    }
  },
};

// How long a task is held back so a drain that does not wait for it shows itself; any server waits that long.
const TASK_HOLD_MS = 200;

const drainTasks: ConformanceCheck = {
  id: 'drain-tasks',
  spec: '§5 tasks, §3.4 [S-DRAIN-ORDER]',
  rule: 'a draining server waits for pending waitUntil tasks before it stops',
  requires: { extension: 'tasks', drain: true },
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      scope.extensions.tasks?.waitUntil(mailbox.next('release-task').then(() => mailbox.post('task-done')));
      await respond(send, 200, 'ok');
    }),
  async interact({ start, client, mailbox }) {
    const server = await start();
    assert.equal((await client.request(server.url)).body.toString(), 'ok');
    const drained = server.drain!().then(
      () => mailbox.post('drain-finished', 'resolved'),
      (error: unknown) => mailbox.post('drain-finished', `rejected: ${String(error)}`),
    );
    await new Promise((resolve) => setTimeout(resolve, TASK_HOLD_MS));
    assert.equal(mailbox.has('drain-finished'), false, 'drain() finished while a waitUntil task was pending');
    mailbox.post('release-task');
    await drained;
    assert.equal(mailbox.latest('drain-finished'), 'resolved');
    assert.deepEqual(
      mailbox.log.filter((key) => key === 'task-done' || key === 'drain-finished'),
      ['task-done', 'drain-finished'],
    );
  },
};

export const DRAIN_CHECKS: readonly ConformanceCheck[] = [drainNotice, drainTasks];
