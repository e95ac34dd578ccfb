// Cases for the rules a server keeps (and the call itself): the scope and what receive returns.
import type { HttpScope } from '../../src/index.js';
import { validate } from '../../src/index.js';
import { BODILESS, fakeServer, goneSignal, httpScope } from './fakes.js';
import {
  type Case,
  CLIENT_GONE,
  drainedScope,
  end,
  httpCall,
  ok,
  readThree,
  scopeWith,
  start,
} from './rule-case.js';

export const serverRuleCases: Case[] = [
  {
    rule: 'call-arguments',
    where: 'app(scope, receive, send)',
    got: '{ scope: null, receive: [function receive], send: [function send] }',
    run: () => {
      const server = fakeServer();
      return validate(ok)(null as unknown as HttpScope, server.receive, server.send);
    },
  },
  { rule: 'scope-type', where: 'scope', got: '"websocket"', run: scopeWith({ type: 'websocket' }) },
  {
    rule: 'gateway-version',
    where: 'scope',
    got: '{ version: "2.0" }',
    run: scopeWith({ gateway: { version: '2.0' } }),
  },
  { rule: 'state-object', where: 'scope', got: '[]', run: scopeWith({ state: [] }) },
  { rule: 'http-version', where: 'scope', got: '"1.2"', run: scopeWith({ httpVersion: '1.2' }) },
  { rule: 'method-token', where: 'scope', got: '"get"', run: scopeWith({ method: 'get' }) },
  { rule: 'scheme', where: 'scope', got: '"ftp"', run: scopeWith({ scheme: 'ftp' }) },
  { rule: 'path-absolute', where: 'scope', got: '"a/b"', run: scopeWith({ path: 'a/b' }) },
  { rule: 'raw-path-absolute', where: 'scope', got: '"/a?b=1"', run: scopeWith({ rawPath: '/a?b=1' }) },
  { rule: 'query-string', where: 'scope', got: '"?b=1"', run: scopeWith({ queryString: '?b=1' }) },
  { rule: 'root-path', where: 'scope', got: '"/api/"', run: scopeWith({ rootPath: '/api/' }) },
  {
    rule: 'scope-header-list',
    where: 'scope.headers[0]',
    got: '["host"]',
    run: scopeWith({ headers: [['host']] }),
  },
  {
    rule: 'scope-header-name',
    where: 'scope.headers[0]',
    got: '"Host"',
    run: scopeWith({ headers: [['Host', 'a']] }),
  },
  {
    rule: 'scope-header-value',
    where: 'scope.headers[0] (x-a)',
    got: '"a\\nb"',
    run: scopeWith({ headers: [['x-a', 'a\nb']] }),
  },
  {
    rule: 'address',
    where: 'scope.client',
    got: '{ host: "h", port: 70000 }',
    run: scopeWith({ client: { host: 'h', port: 70000 } }),
  },
  {
    rule: 'extensions-object',
    where: 'scope',
    got: '{ tasks: {} }',
    run: scopeWith({ extensions: { tasks: {} } }),
  },
  { rule: 'abort-signals', where: 'scope.signal', got: '{}', run: scopeWith({ signal: {} }) },
  {
    rule: 'receive-concurrent',
    where: 'receive',
    got: 'a call while an earlier one is pending',
    run: () =>
      httpCall(
        async (_scope, receive) => {
          void receive();
          await receive();
        },
        httpScope(),
        [],
      ),
  },
  {
    rule: 'receive-event',
    where: 'receive',
    got: '{ type: "http.upgrade" }',
    run: () => httpCall(ok, httpScope(), [{ type: 'http.upgrade' }]),
  },
  {
    rule: 'request-body-type',
    where: 'http.request',
    got: '"text"',
    run: () => httpCall(ok, httpScope(), [{ type: 'http.request', body: 'text', more: false }]),
  },
  {
    rule: 'request-more-type',
    where: 'http.request',
    got: 'undefined',
    run: () => httpCall(ok, httpScope(), [{ type: 'http.request', body: new Uint8Array(1) }]),
  },
  {
    rule: 'request-after-final',
    where: 'receive',
    got: '{ type: "http.request", body: Uint8Array(3), more: false }',
    run: () =>
      httpCall(readThree, httpScope(), [
        BODILESS,
        { type: 'http.request', body: new Uint8Array(3), more: false },
      ]),
  },
  {
    rule: 'drain-deadline',
    where: 'http.drain',
    got: '"soon"',
    run: () => httpCall(readThree, drainedScope(), [BODILESS, { type: 'http.drain', deadline: 'soon' }]),
  },
  {
    rule: 'drain-after-body',
    where: 'receive',
    got: '{ type: "http.drain", deadline: null }',
    run: () => httpCall(ok, drainedScope(), [{ type: 'http.drain', deadline: null }]),
  },
  {
    rule: 'drain-once',
    where: 'receive',
    got: '{ type: "http.drain", deadline: 5 }',
    run: () =>
      httpCall(readThree, drainedScope(), [
        BODILESS,
        { type: 'http.drain', deadline: 5 },
        { type: 'http.drain', deadline: 5 },
      ]),
  },
  {
    rule: 'drain-signal',
    where: 'http.drain',
    got: 'AbortSignal',
    run: () => httpCall(readThree, httpScope(), [BODILESS, { type: 'http.drain', deadline: null }]),
  },
  {
    rule: 'disconnect-reason',
    where: 'http.disconnect',
    got: '"bored"',
    run: () => httpCall(readThree, httpScope(), [BODILESS, { type: 'http.disconnect', reason: 'bored' }]),
  },
  {
    rule: 'disconnect-sticky',
    where: 'receive',
    got: '{ type: "http.request", body: Uint8Array(0), more: false }',
    run: () =>
      httpCall(readThree, httpScope({ signal: goneSignal() }), [
        { type: 'http.disconnect', reason: 'client-closed' },
        BODILESS,
      ]),
  },
  {
    rule: 'disconnect-signal',
    where: 'http.disconnect (client-closed)',
    got: 'a signal not aborted',
    run: () =>
      httpCall(readThree, httpScope(), [BODILESS, { type: 'http.disconnect', reason: 'client-closed' }]),
  },
  {
    rule: 'complete-signal',
    where: 'scope.signal',
    got: CLIENT_GONE,
    run: () =>
      httpCall(readThree, httpScope({ signal: goneSignal() }), [
        BODILESS,
        { type: 'http.disconnect', reason: 'response-complete' },
      ]),
  },
  {
    rule: 'receive-after-response',
    where: 'receive',
    got: '{ type: "http.drain", deadline: null }',
    run: () =>
      httpCall(
        async (_scope, receive, send) => {
          await receive();
          await send(start);
          await send(end);
          await receive();
        },
        drainedScope(),
        [BODILESS, { type: 'http.drain', deadline: null }],
      ),
  },
  {
    rule: 'send-after-abort',
    where: 'http.response.start',
    got: 'a send that resolved',
    run: () => httpCall(ok, httpScope({ signal: goneSignal() })),
  },
];
