/**
 * Contender: bare `node:http` with hand-written handlers, the limit the others are measured against.
 */
import { createReadStream } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handWrittenAnswer, readsBody } from '../app/hand-written-app.js';
import { isStaticPath, staticFileHead } from '../app/hand-written-static.js';
import { announceListening, BENCH_HOST, benchPort, type RequestListener, runsAsServer } from './listening.js';

const listener: RequestListener = (req, res) => {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const respond = (body: string) => {
    const answer = handWrittenAnswer(method, path, body, query === -1 ? '' : url.slice(query + 1));
    res.writeHead(answer.status, {
      'content-type': answer.contentType,
      'content-length': answer.length,
    });
    res.end(answer.body);
  };
  if (method === 'GET' && isStaticPath(path)) {
    void sendStatic(res);
    return;
  }
  if (!readsBody(method)) {
    respond('');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => respond(Buffer.concat(chunks).toString('utf8')));
};

async function sendStatic(res: ServerResponse): Promise<void> {
  const file = await staticFileHead();
  res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.length });
  createReadStream(file.path).pipe(res);
}

export const createListener = () => listener;

if (runsAsServer(import.meta.url)) {
  const server = createServer(listener);
  server.listen(benchPort(), BENCH_HOST, () => announceListening((server.address() as AddressInfo).port));
}
