// How the request body reaches the app through receive, and what receive says once it is over (spec §3.1).
import assert from 'node:assert/strict';
import type { HttpReceiveEvent } from '../../types.js';
import type { ConformanceCheck } from '../types.js';
import type { BodyEvent } from './apps.js';
import { httpApp, readBody, respond } from './apps.js';

const requestBodyOrder: ConformanceCheck = {
  id: 'request-body-order',
  spec: '§3.1 [S-BODY-ORDER]',
  rule: 'the body arrives as http.request events in order, more: true on all but the last',
  app: (mailbox) =>
    httpApp(async (_scope, receive, send) => {
      const body = await readBody(receive, (event) => mailbox.post('event', event));
      await respond(send, 200, body);
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const { request, response } = client.open(url, { method: 'POST', path: '/upload' });
    let received = '';
    // Each part goes out only once the app has the one before, so the parts cannot reach it as one event.
    for (const part of ['one-', 'two-', 'three']) {
      request.write(part);
      while (!received.endsWith(part)) {
        const event = await mailbox.next<BodyEvent>('event');
        assert.equal(event.more, true, `an event before the end of the body said more: false (${received})`);
        received += event.text;
      }
    }
    request.end();
    for (;;) {
      const event = await mailbox.next<BodyEvent>('event');
      received += event.text;
      if (!event.more) break;
    }
    assert.equal(received, 'one-two-three');
    const res = await response;
    const echoed: Buffer[] = [];
    for await (const chunk of res) echoed.push(chunk as Buffer);
    assert.equal(Buffer.concat(echoed).toString(), 'one-two-three');
  },
};

/** An event as a check records it: bodies by size, so notes stay small and comparable. */
function summary(event: HttpReceiveEvent): object {
  return event.type === 'http.request'
    ? { type: event.type, size: event.body.byteLength, more: event.more }
    : event;
}

const requestBodiless: ConformanceCheck = {
  id: 'request-bodiless',
  spec: '§3.1 [S-BODY-ORDER] [S-AFTER-BODY]',
  rule: 'a request without a body gives exactly one empty http.request with more: false, then nothing until the response is complete',
  app: (mailbox) =>
    httpApp(async (_scope, receive, send) => {
      const first = await receive();
      const next = receive(); // must stay pending: there is no more body to give
      await respond(send, 200, 'ok');
      mailbox.post('events', { first: summary(first), next: summary(await next) });
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/bodiless' });
    assert.equal(res.body.toString(), 'ok');
    assert.deepEqual(await mailbox.next('events'), {
      first: { type: 'http.request', size: 0, more: false },
      next: { type: 'http.disconnect', reason: 'response-complete' },
    });
  },
};

const responseComplete: ConformanceCheck = {
  id: 'response-complete',
  spec: '§3.1 [S-RESPONSE-COMPLETE] [S-DISCONNECT-STICKY]',
  rule: 'once the response is complete, receive resolves with http.disconnect (response-complete), again on every call, and scope.signal stays unaborted',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      await respond(send, 200, 'done');
      const event = await receive();
      const again = await receive();
      mailbox.post('after', { event, again, aborted: scope.signal.aborted });
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    assert.equal((await client.request(url, { method: 'POST', body: 'x' })).body.toString(), 'done');
    const disconnect = { type: 'http.disconnect', reason: 'response-complete' };
    assert.deepEqual(await mailbox.next('after'), { event: disconnect, again: disconnect, aborted: false });
  },
};

export const REQUEST_BODY_CHECKS: readonly ConformanceCheck[] = [
  requestBodyOrder,
  requestBodiless,
  responseComplete,
];
