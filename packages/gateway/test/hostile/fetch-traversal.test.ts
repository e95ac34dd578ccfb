// Traversal through fromFetchHandler: a guard in front of a mounted Fetch handler checks scope.path;
// a path that the WHATWG URL parser would rewrite (and so route elsewhere) must never reach the handler.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/index.js';
import { createLogger, fromFetchHandler } from '../../src/index.js';
import type { HostileServer } from './hostile-server.js';
import { sendRaw, startHostileServer } from './hostile-server.js';

// The Fetch handler routes by the URL it is given: `/admin` is the prize.
const handler = (request: Request) => {
  const { pathname } = new URL(request.url);
  return new Response(pathname === '/admin' ? 'ADMIN PANEL' : `public:${pathname}`);
};
const fetchApp = fromFetchHandler(handler, { logger: createLogger('silent') });

// A guard that refuses /admin by the scope's decoded path, then hands everything else to the handler.
const guarded: App = async (scope, receive, send) => {
  if (scope.type === 'http' && (scope.path === '/admin' || scope.path.startsWith('/admin/'))) {
    await send({ type: 'http.response.start', status: 403, headers: [['content-length', '9']] });
    await send({ type: 'http.response.body', body: 'Forbidden' });
    return;
  }
  await fetchApp(scope, receive, send);
};

const ATTEMPTS = [
  '/public/../admin',
  '/public/%2e%2e/admin',
  '/public/%2E%2E/admin',
  '/public/.%2e/admin',
  '/public/..\\admin',
  '/public/..%5cadmin',
  '/public/%2e%2e%5cadmin',
  '/./admin',
  '/%2e/admin',
  '/public/./../admin',
  '/x/../admin?y',
  '/public/..%2fadmin',
];

let target: HostileServer;
beforeAll(async () => {
  target = await startHostileServer(guarded);
});
afterAll(() => target.stop());

describe('fromFetchHandler behind a guard: traversal spellings', () => {
  it('routes an ordinary path to the handler and lets the guard refuse /admin', async () => {
    const ok = await sendRaw(target.port, 'GET /public/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(ok.text.endsWith('public:/public/a')).toBe(true);
    const refused = await sendRaw(target.port, 'GET /admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(refused.status).toBe(403);
  });

  it.each(ATTEMPTS)('never lets %s reach the handler as /admin', async (path) => {
    const reply = await sendRaw(target.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(reply.text).not.toContain('ADMIN PANEL');
    // Refused, or (an escape the parser leaves alone, like `%5c`) handed on as the public path it is.
    if (reply.status === 200) expect(reply.text).toMatch(/public:\/public\/\S+$/);
    else expect([400, 403]).toContain(reply.status);
  });

  it('does not let a Host header pick the path either', async () => {
    const reply = await sendRaw(
      target.port,
      'GET /public HTTP/1.1\r\nHost: x/admin?\r\nConnection: close\r\n\r\n',
    );
    expect(reply.text).not.toContain('ADMIN PANEL');
  });
});
