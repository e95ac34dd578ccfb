// Cases for the rules an app keeps: what it sends, its lifecycle, lifespan and extensions.
import type { SendEvent } from '../../src/index.js';
import { BODILESS, goneSignal, httpScope } from './fakes.js';
import { type Case, end, httpCall, lifespanApp, lifespanCall, sending, start } from './rule-case.js';

export const appRuleCases: Case[] = [
  {
    rule: 'event-type',
    where: 'send',
    got: '"http.response.push"',
    run: () => httpCall(sending({ type: 'http.response.push' })),
  },
  {
    rule: 'start-once',
    where: 'http.response.start',
    got: '{ type: "http.response.start", status: 204 }',
    run: () => httpCall(sending(start, { type: 'http.response.start', status: 204 })),
  },
  {
    rule: 'start-before-body',
    where: 'http.response.body',
    got: '{ type: "http.response.body", body: "ok" }',
    run: () => httpCall(sending(end)),
  },
  {
    rule: 'status-range',
    where: 'http.response.start',
    got: '700',
    run: () => httpCall(sending({ type: 'http.response.start', status: 700 })),
  },
  {
    rule: 'status-final',
    where: 'http.response.start',
    got: '103',
    run: () => httpCall(sending({ type: 'http.response.start', status: 103 })),
  },
  {
    rule: 'header-list',
    where: 'http.response.start headers',
    got: '{ "content-type": "text/plain" }',
    run: () => httpCall(sending({ ...start, headers: { 'content-type': 'text/plain' } })),
  },
  {
    rule: 'header-name',
    where: 'http.response.start headers[1]',
    got: '"Content-Type"',
    run: () =>
      httpCall(
        sending({
          ...start,
          headers: [
            ['x-a', '1'],
            ['Content-Type', 'text/plain'],
          ],
        }),
      ),
  },
  {
    rule: 'header-value',
    where: 'http.response.start headers[0] (location)',
    got: '"/a\\r\\nset-cookie: x=1"',
    run: () => httpCall(sending({ ...start, headers: [['location', '/a\r\nset-cookie: x=1']] })),
  },
  {
    rule: 'boolean-flag',
    where: 'http.response.body more',
    got: '"yes"',
    run: () => httpCall(sending(start, { type: 'http.response.body', body: 'a', more: 'yes' })),
  },
  {
    rule: 'body-type',
    where: 'http.response.body',
    got: '42',
    run: () => httpCall(sending(start, { type: 'http.response.body', body: 42 })),
  },
  {
    rule: 'event-changed',
    where: 'http.response.start headers',
    got: '[["content-type", "text/html"]]',
    run: () =>
      httpCall(async (_scope, receive, send) => {
        await receive();
        const headers: [string, string][] = [['content-type', 'text/plain']];
        await send({ type: 'http.response.start', status: 200, headers });
        headers[0]![1] = 'text/html'; // the Node bridge would write this, with the body
        await send({ type: 'http.response.body', body: 'ok' });
      }),
  },
  {
    rule: 'content-length-match',
    where: 'http.response.body',
    got: 'the body is longer than its content-length (declared 3 bytes, sent 4)',
    run: () => httpCall(sending({ ...start, headers: [['content-length', '3']] }, { ...end, body: 'okay' })),
  },
  {
    rule: 'nothing-after-end',
    where: 'http.response.body',
    got: '{ type: "http.response.body", body: "again" }',
    run: () => httpCall(sending(start, end, { type: 'http.response.body', body: 'again' })),
  },
  {
    rule: 'nothing-after-disconnect',
    where: 'http.response.start',
    got: '{ type: "http.response.start", status: 200 }',
    run: () =>
      httpCall(
        async (_scope, receive, send) => {
          await receive();
          await receive();
          await send(start);
        },
        httpScope({ signal: goneSignal() }),
        [BODILESS, { type: 'http.disconnect', reason: 'client-closed' }],
      ),
  },
  {
    rule: 'response-incomplete',
    where: 'app',
    got: 'a resolved promise with the body still open',
    run: () => httpCall(sending(start, { type: 'http.response.body', body: 'a', more: true })),
  },
  {
    rule: 'no-response',
    where: 'app',
    got: 'a resolved promise without http.response.start',
    run: () => httpCall(sending()),
  },
  {
    rule: 'extension-offered',
    where: 'http.response.early_hints',
    got: 'scope.extensions without "earlyHints"',
    run: () => httpCall(sending({ type: 'http.response.early_hints', headers: [['link', '</a.css>']] })),
  },
  {
    rule: 'trailers-announced',
    where: 'http.response.trailers',
    got: '{ type: "http.response.trailers", headers: [] }',
    run: () =>
      httpCall(
        sending(start, end, { type: 'http.response.trailers', headers: [] }),
        httpScope({ extensions: { trailers: {} } }),
      ),
  },
  {
    rule: 'trailers-after-body',
    where: 'http.response.trailers',
    got: '{ type: "http.response.trailers", headers: [] }',
    run: () =>
      httpCall(
        sending({ ...start, trailers: true }, { type: 'http.response.trailers', headers: [] }),
        httpScope({ extensions: { trailers: {} } }),
      ),
  },
  {
    rule: 'file-path',
    where: 'http.response.file',
    got: '"public/a.txt"',
    run: () =>
      httpCall(
        sending(start, { type: 'http.response.file', path: 'public/a.txt' }),
        httpScope({ extensions: { file: {} } }),
      ),
  },
  {
    rule: 'file-range',
    where: 'http.response.file offset',
    got: '-1',
    run: () =>
      httpCall(
        sending(start, { type: 'http.response.file', path: '/srv/a.txt', offset: -1 }),
        httpScope({ extensions: { file: {} } }),
      ),
  },
  {
    rule: 'early-hints-before-start',
    where: 'http.response.early_hints',
    got: '{ type: "http.response.early_hints", headers: [] }',
    run: () =>
      httpCall(
        sending(start, { type: 'http.response.early_hints', headers: [] }),
        httpScope({ extensions: { earlyHints: {} } }),
      ),
  },
  {
    rule: 'wait-until-task',
    where: 'tasks.waitUntil',
    got: '"later"',
    run: () =>
      httpCall(
        async (scope) => {
          if (scope.type === 'http') scope.extensions.tasks?.waitUntil('later' as unknown as Promise<void>);
        },
        httpScope({ extensions: { tasks: { waitUntil() {} } } }),
      ),
  },
  {
    rule: 'lifespan-receive-order',
    where: 'receive',
    got: 'lifespan.shutdown before lifespan.startup was received',
    run: () => lifespanCall(lifespanApp, [{ type: 'lifespan.shutdown' }]),
  },
  {
    rule: 'lifespan-startup-order',
    where: 'lifespan.startup.complete',
    got: 'lifespan.startup.complete before lifespan.startup was received',
    run: () => lifespanCall(async (_scope, _receive, send) => send({ type: 'lifespan.startup.complete' })),
  },
  {
    rule: 'lifespan-shutdown-order',
    where: 'lifespan.shutdown.complete',
    got: 'lifespan.shutdown.complete after startup completed',
    run: () =>
      lifespanCall(async (_scope, receive, send) => {
        await receive();
        await send({ type: 'lifespan.startup.complete' });
        await send({ type: 'lifespan.shutdown.complete' });
      }),
  },
  {
    rule: 'lifespan-after-failed',
    where: 'lifespan.startup.complete',
    got: '{ type: "lifespan.startup.complete" }',
    run: () =>
      lifespanCall(async (_scope, receive, send) => {
        await receive();
        await send({ type: 'lifespan.startup.failed', message: 'no database' });
        await send({ type: 'lifespan.startup.complete' });
      }),
  },
  {
    rule: 'lifespan-failed-message',
    where: 'lifespan.startup.failed',
    got: 'undefined',
    run: () =>
      lifespanCall(async (_scope, receive, send) => {
        await receive();
        await send({ type: 'lifespan.startup.failed' } as SendEvent);
      }),
  },
];
