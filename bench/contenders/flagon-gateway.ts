/**
 * Contender: a raw gateway app (no framework) on Flagon's reference server, answering with the same
 * hand-written app as bare `node:http`. The gap between the two is what the gateway interface costs.
 */
import { type App, ClientDisconnectedError, type HttpReceive } from '@flagon/gateway';
import { handWrittenAnswer, readsBody } from '../app/hand-written-app.js';
import { isStaticPath, staticFileHead } from '../app/hand-written-static.js';
import { runsAsServer } from './listening.js';
import { gatewayListener, serveForBench } from './reference-server.js';

async function readBody(receive: HttpReceive): Promise<string> {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const event = await receive();
    if (event.type === 'http.disconnect') throw new ClientDisconnectedError(event.reason);
    if (event.type !== 'http.request') continue;
    chunks.push(event.body);
    if (!event.more) return Buffer.concat(chunks).toString('utf8');
  }
}

const app: App = async (scope, receive, send) => {
  // No lifespan work to do; rejecting other scopes is how an app says so (spec 1.0).
  if (scope.type !== 'http') throw new Error(`unsupported scope type ${scope.type}`);
  if (scope.method === 'GET' && isStaticPath(scope.path)) {
    const file = await staticFileHead();
    await send({
      type: 'http.response.start',
      status: 200,
      headers: [
        ['content-type', file.contentType],
        ['content-length', String(file.length)],
      ],
    });
    // The reference server offers the `file` extension: it streams the file itself.
    await send({ type: 'http.response.file', path: file.path });
    return;
  }
  const body = readsBody(scope.method) ? await readBody(receive as HttpReceive) : '';
  const answer = handWrittenAnswer(scope.method, scope.path, body, scope.queryString);
  await send({
    type: 'http.response.start',
    status: answer.status,
    headers: [
      ['content-type', answer.contentType],
      ['content-length', String(answer.length)],
    ],
  });
  await send({ type: 'http.response.body', body: answer.body });
};

export const createListener = () => gatewayListener(app);

if (runsAsServer(import.meta.url)) await serveForBench(app);
