// Every extension a server lists in scope.extensions must work as specified (spec §5 [S-EXTENSION-HONOURED]);
// an extension it does not list is skipped, not failed.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConformanceCheck } from '../types.js';
import { httpApp, readBody } from './apps.js';

const trailers: ConformanceCheck = {
  id: 'extension-trailers',
  spec: '§5 trailers [S-EXTENSION-HONOURED]',
  rule: 'a response started with trailers: true carries the http.response.trailers headers after its body',
  requires: { extension: 'trailers' },
  app: () =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await send({
        type: 'http.response.start',
        status: 200,
        headers: [
          ['content-type', 'text/plain'],
          ['trailer', 'x-checksum'],
        ],
        trailers: true,
      });
      await send({ type: 'http.response.body', body: 'data' });
      await send({ type: 'http.response.trailers', headers: [['x-checksum', 'abc123']] });
    }),
  async interact({ start, client }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/trailers', headers: { te: 'trailers' } });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'data');
    assert.equal(res.complete, true);
    assert.equal(res.trailers['x-checksum'], 'abc123');
  },
};

const file: ConformanceCheck = {
  id: 'extension-file',
  spec: '§5 file [S-EXTENSION-HONOURED]',
  rule: 'http.response.file sends the file at path from offset (default 0) for length bytes (default to the end), in order with body chunks',
  requires: { extension: 'file' },
  app: (mailbox) =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      const path = await mailbox.next<string>('file-path');
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      await send({ type: 'http.response.file', path, more: true });
      await send({ type: 'http.response.body', body: '|', more: true });
      await send({ type: 'http.response.file', path, offset: 3, length: 4 });
    }),
  async interact({ start, client, mailbox, defer }) {
    const dir = await mkdtemp(join(tmpdir(), 'flagon-conformance-'));
    defer(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'sample.txt');
    await writeFile(path, '0123456789abcdef');
    mailbox.post('file-path', path);
    const { url } = await start();
    const res = await client.request(url, { path: '/file' });
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), '0123456789abcdef|3456');
  },
};

const fileMissing: ConformanceCheck = {
  id: 'extension-file-missing',
  spec: '§5 file [S-EXTENSION-HONOURED], §3.5 [S-ERROR-AFTER-START]',
  rule: 'an http.response.file the server cannot read rejects the send and cuts the response',
  requires: { extension: 'file' },
  app: (mailbox) =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      const path = join(tmpdir(), `flagon-conformance-missing-${process.pid}-${Date.now()}.txt`);
      const outcome = await send({ type: 'http.response.file', path }).then(
        () => 'resolved',
        () => 'rejected',
      );
      mailbox.post('send', outcome);
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/missing' }).catch(() => undefined);
    assert.equal(await mailbox.next('send'), 'rejected');
    assert.notEqual(res?.complete, true, 'the response for a file that cannot be read looked complete');
  },
};

const earlyHints: ConformanceCheck = {
  id: 'extension-early-hints',
  spec: '§5 earlyHints [S-EXTENSION-HONOURED]',
  rule: 'http.response.early_hints sends a 103 Early Hints with its headers before the final response',
  requires: { extension: 'earlyHints' },
  app: () =>
    httpApp(async (_scope, receive, send) => {
      await readBody(receive);
      await send({
        type: 'http.response.early_hints',
        headers: [['link', '</style.css>; rel=preload; as=style']],
      });
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      await send({ type: 'http.response.body', body: 'ok' });
    }),
  async interact({ start, client }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/hints' });
    assert.deepEqual(
      res.informational.map((info) => ({ status: info.status, link: info.headers.link })),
      [{ status: 103, link: '</style.css>; rel=preload; as=style' }],
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'ok');
  },
};

const tasks: ConformanceCheck = {
  id: 'extension-tasks',
  spec: '§5 tasks [S-EXTENSION-HONOURED]',
  rule: 'a waitUntil task keeps running after the response and never holds the response back',
  requires: { extension: 'tasks' },
  app: (mailbox) =>
    httpApp(async (scope, receive, send) => {
      await readBody(receive);
      await send({ type: 'http.response.start', status: 200, headers: [['content-type', 'text/plain']] });
      // The task ends only once the client has the whole response: a server that waits for it first deadlocks.
      scope.extensions.tasks?.waitUntil(
        mailbox.next('client-has-response').then(() => mailbox.post('task-done')),
      );
      await send({ type: 'http.response.body', body: 'ok' });
    }),
  async interact({ start, client, mailbox }) {
    const { url } = await start();
    const res = await client.request(url, { path: '/task' });
    assert.equal(res.body.toString(), 'ok');
    assert.equal(res.complete, true);
    mailbox.post('client-has-response');
    await mailbox.next('task-done');
  },
};

export const EXTENSION_CHECKS: readonly ConformanceCheck[] = [trailers, file, fileMissing, earlyHints, tasks];
