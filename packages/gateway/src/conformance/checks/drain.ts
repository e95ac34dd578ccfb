// What a draining server tells requests in flight, and how it stops (spec §3.4); needs `drain()`.
import assert from 'node:assert/strict';
import { decodeChunked, headerOf, parseRawResponse, requestHead } from '../client.js';
import type { ConformanceCheck } from '../types.js';
import { httpApp, protocolLifespan, readBody, respond } from './apps.js';

const drainNotice: ConformanceCheck = {
  id: 'drain-notice',
  spec: '§3.4 [S-DRAIN] [S-DRAIN-ORDER]',
  rule: 'draining aborts scope.drain and sends http.drain to a request in flight, closes idle keep-alive connections at once, refuses new ones, ends the response with Connection: close and closes its connection, then runs lifespan shutdown',
  requires: { drain: true },
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      if (scope.path === '/idle') return respond(send, 204);
      mailbox.post('waiting');
      const event = await receive();
      mailbox.post('notice', { type: event.type, drainAborted: scope.drain.aborted });
      await mailbox.next('idle-closed'); // idle connections close while this request is still in flight
      await respond(send, 200, 'answered while draining'); // started after the drain began: Connection: close
      mailbox.post('finished');
    }, protocolLifespan(mailbox)),
  async interact({ start, client, mailbox }) {
    const server = await start();
    const idle = await client.connection(server.url);
    idle.write(requestHead('GET', '/idle'));
    await idle.received('\r\n\r\n'); // answered: from now on an idle keep-alive connection
    const busy = await client.connection(server.url);
    busy.write(requestHead('GET', '/long')); // HTTP/1.1: keep-alive unless told otherwise
    await mailbox.next('waiting');

    const drained = server.drain!().then(
      () => 'resolved',
      (error: unknown) => `rejected: ${String(error)}`,
    );
    assert.deepEqual(await mailbox.next('notice'), { type: 'http.drain', drainAborted: true });
    await idle.closed;
    mailbox.post('idle-closed');
    const refused = await client.connect(server.url).then(
      (late) => {
        late.destroy();
        return false;
      },
      () => true,
    );
    assert.ok(refused, 'the draining server still accepted a new connection');

    const res = parseRawResponse(await busy.closed); // a draining server closes it once the response is over
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
