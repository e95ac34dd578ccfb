// What the client gets for the events the app sends (spec §3.2).
import assert from 'node:assert/strict';
import { isClientDisconnected } from '../../errors.js';
import { requestHead } from '../client.js';
import type { ConformanceCheck } from '../types.js';
import { httpApp, readBody, respond } from './apps.js';

const responseBasic: ConformanceCheck = {
  id: 'response-basic',
  spec: '§3.2',
  rule: 'the status, the headers (repeated ones kept, in order) and the body chunks reach the client as sent, a string as UTF-8',
  app: () =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await send({
        type: 'http.response.start',
        status: 201,
        headers: [
          ['content-type', 'text/plain; charset=utf-8'],
          ['set-cookie', 'a=1'],
          ['x-conformance', 'kept'],
          ['set-cookie', 'b=2'],
        ],
      });
      await send({ type: 'http.response.body', body: 'héllo ', more: true });
      await send({ type: 'http.response.body', body: new TextEncoder().encode('☃ wörld') });
    }),
  async interact({ start, client }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/basic' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.headers['set-cookie'], ['a=1', 'b=2']);
    assert.equal(res.headers['x-conformance'], 'kept');
    assert.equal(res.body.toString('utf8'), 'héllo ☃ wörld');
    assert.equal(res.complete, true, 'the response ended without its framing');
  },
};

const responseStreamed: ConformanceCheck = {
  id: 'response-streamed',
  spec: '§3.2 [S-SEND-ACCEPTED]',
  rule: 'a body chunk sent with more: true reaches the client while the app is still running',
  app: (mailbox) =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      await send({ type: 'http.response.body', body: 'first;', more: true });
      await mailbox.next('client-has-first-chunk'); // a server that holds chunks back never gets past here
      await send({ type: 'http.response.body', body: 'last' });
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const { request, response } = client.open(url, { path: '/stream' });
    request.end();
    const res = await response;
    let text = '';
    const ended = new Promise((resolve) => res.on('end', resolve));
    await new Promise<void>((resolve) =>
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('first;')) resolve();
      }),
    );
    mailbox.post('client-has-first-chunk');
    await ended;
    assert.equal(text, 'first;last');
  },
};

const responseSendOrder: ConformanceCheck = {
  id: 'response-send-order',
  spec: '§3.2 [S-SEND-ORDER]',
  rule: 'events sent without awaiting the earlier sends are handled in the order send was called',
  app: () =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      // Every event at once: a server that handled them out of call order would refuse a body before its start.
      await Promise.all([
        send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] }),
        send({ type: 'http.response.body', body: 'one;', more: true }),
        send({ type: 'http.response.body', body: 'two;', more: true }),
        send({ type: 'http.response.body', body: 'three' }),
      ]);
    }),
  async interact({ start, client }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/at-once' });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString('utf8'), 'one;two;three');
    assert.equal(res.complete, true, 'the response ended without its framing');
  },
};

// Far beyond any socket buffer: a server that accepts this much unread data is buffering without bound.
const BACKPRESSURE_BOUND = 64 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024);

const responseBackpressure: ConformanceCheck = {
  id: 'response-backpressure',
  spec: '§3.2 [S-SEND-ACCEPTED], §3.3 [S-DISCONNECT]',
  rule: 'send resolves only as the client takes the body (no unbounded buffering), and a pending send rejects with ClientDisconnectedError once the client is gone',
  app: (mailbox) =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [['content-type', 'application/octet-stream']],
      });
      let accepted = 0;
      try {
        while (accepted <= BACKPRESSURE_BOUND) {
          await send({ type: 'http.response.body', body: CHUNK, more: true });
          accepted += CHUNK.byteLength;
          mailbox.post('accepted', accepted);
        }
        await send({ type: 'http.response.body', body: '' });
        mailbox.post('send', 'never blocked');
      } catch (error) {
        mailbox.post(
          'send',
          isClientDisconnected(error) ? 'ClientDisconnectedError' : `other error: ${String(error)}`,
        );
      }
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const socket = await client.connect(url); // read nothing from it: no 'data' listener
    socket.on('error', () => {});
    socket.write(requestHead('GET', '/firehose'));
    // Wait until the app's sends stop making progress (its send is blocked), or it accepted far too much.
    let last = -1;
    for (let still = 0; still < 6; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const accepted = mailbox.latest<number>('accepted') ?? 0;
      assert.ok(
        accepted <= BACKPRESSURE_BOUND,
        `send resolved for ${accepted} bytes the client never read: no backpressure`,
      );
      still = accepted === last ? still + 1 : 0;
      last = accepted;
    }
    socket.destroy();
    assert.equal(await mailbox.next('send'), 'ClientDisconnectedError');
  },
};

const responseNoBody: ConformanceCheck = {
  id: 'response-no-body',
  spec: '§3.2 [S-HEAD]',
  rule: 'no body goes out for HEAD requests or 204 and 304 responses, and the body events the app sends are accepted and dropped',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      try {
        await respond(send, Number(scope.path.slice(1)), 'this body must not be sent');
        mailbox.post('sends', 'accepted');
      } catch (error) {
        mailbox.post('sends', `rejected: ${String(error)}`);
      }
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    for (const [method, status] of [
      ['HEAD', 200],
      ['GET', 204],
      ['GET', 304],
    ] as const) {
      const res = await client.raw(url, requestHead(method, `/${status}`, ['Connection: close']));
      assert.equal(res.status, status);
      assert.equal(res.body.toString(), '', `a ${method} ${status} response carried a body`);
      const sends = await mailbox.next('sends');
      assert.equal(sends, 'accepted', `the body events of a ${method} ${status} response`);
    }
  },
};

export const RESPONSE_CHECKS: readonly ConformanceCheck[] = [
  responseBasic,
  responseStreamed,
  responseSendOrder,
  responseBackpressure,
  responseNoBody,
];
