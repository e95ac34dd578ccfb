// A client that goes away mid-request, as the app sees it (spec §3.3).
import assert from 'node:assert/strict';
import { isClientDisconnected } from '../../errors.js';
import { requestHead } from '../client.js';
import type { CheckContext, ConformanceCheck } from '../types.js';
import { aborted, httpApp, readBody } from './apps.js';

/** Opens a request, waits until the app has read its body (it posts `waiting`), then drops the connection. */
async function walkAway({ start, client, mailbox }: CheckContext): Promise<void> {
  const { url } = await start();
  const connection = await client.connection(url);
  connection.write(requestHead('GET', '/wait'));
  await mailbox.next('waiting');
  connection.socket.destroy();
}

const disconnectReceive: ConformanceCheck = {
  id: 'disconnect-receive',
  spec: '§3.3 [S-DISCONNECT] [S-DISCONNECT-STICKY]',
  rule: 'when the client goes away, receive resolves with http.disconnect (client-closed), again on every call, and scope.signal aborts with a ClientDisconnectedError',
  app: (mailbox) =>
    httpApp(async (scope, receive) => {
      await readBody(receive);
      mailbox.post('waiting');
      const event = await receive();
      const again = await receive();
      const { signal } = scope;
      mailbox.post('seen', {
        event,
        again,
        aborted: signal.aborted,
        reason: isClientDisconnected(signal.reason),
      });
    }),
  async interact(context) {
    await walkAway(context);
    const disconnect = { type: 'http.disconnect', reason: 'client-closed' };
    assert.deepEqual(await context.mailbox.next('seen'), {
      event: disconnect,
      again: disconnect,
      aborted: true,
      reason: true,
    });
  },
};

const disconnectSend: ConformanceCheck = {
  id: 'disconnect-send',
  spec: '§3.3 [S-DISCONNECT]',
  rule: 'a send made after the client went away rejects with ClientDisconnectedError',
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      mailbox.post('waiting');
      await aborted(scope.signal);
      try {
        await send({ type: 'http.response.start', status: 200 });
        await send({ type: 'http.response.body', body: 'too late' });
        mailbox.post('send', 'resolved');
      } catch (error) {
        mailbox.post(
          'send',
          isClientDisconnected(error) ? 'ClientDisconnectedError' : `other error: ${String(error)}`,
        );
      }
    }),
  async interact(context) {
    await walkAway(context);
    assert.equal(await context.mailbox.next('send'), 'ClientDisconnectedError');
  },
};

export const DISCONNECT_CHECKS: readonly ConformanceCheck[] = [disconnectReceive, disconnectSend];
