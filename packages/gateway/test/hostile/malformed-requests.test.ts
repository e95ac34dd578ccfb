// The malformed-request corpus against the real reference server: each gets its refusal, none reaches
// the app as a request of its own, and the server answers the next client as if nothing happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostileServer } from './hostile-server.js';
import { sendRaw, startHostileServer } from './hostile-server.js';
import { MALFORMED_REQUESTS } from './malformed-requests.js';

let target: HostileServer;
beforeAll(async () => {
  target = await startHostileServer();
});
afterAll(() => target.stop());

const WELL_FORMED = 'GET /fresh HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n';

describe('reference server: malformed requests', () => {
  it.each(MALFORMED_REQUESTS)('refuses $name with $status', async ({ bytes, status, closes }) => {
    const before = target.seen.length;
    const reply = await sendRaw(target.port, bytes, closes ? undefined : 1);
    expect(reply.status).toBe(status);
    expect(reply.responses).toBe(1);
    expect(reply.closed).toBe(closes);
    // A refusal of a bad head reaches no app; a bad chunked body may have started one, for /upload only.
    const reached = target.seen.slice(before);
    expect(reached.filter((request) => request !== 'POST /upload')).toEqual([]);
    const fresh = await sendRaw(target.port, WELL_FORMED);
    expect(fresh.status).toBe(200);
    expect(fresh.text.endsWith('ok:/fresh')).toBe(true);
  });

  it('hides no smuggled request from the app, and logs no error for any of them', () => {
    expect(target.seen.some((request) => request.includes('smuggled'))).toBe(false);
    expect(target.logger.text()).not.toContain('ERROR');
  });

  it('accepts the well-formed neighbours of the corpus (the harness tells a refusal from an answer)', async () => {
    const extension = await sendRaw(
      target.port,
      'POST /ext HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3;name="v"\r\nabc\r\n0\r\n\r\n',
    );
    expect(extension.status).toBe(200);
    expect(extension.text.endsWith('ok:/ext')).toBe(true);
    const pipelined = await sendRaw(
      target.port,
      'GET /one HTTP/1.1\r\nHost: x\r\n\r\nPOST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc',
      2,
    );
    expect(pipelined.responses).toBe(2);
    expect(pipelined.text).toContain('ok:/one');
    expect(pipelined.text).toContain('ok:/two');
  });

  // RFC 9112 §2.3: Node's parser takes a request line claiming HTTP/2.0, or one with no version at all
  // (HTTP/0.9), for what is HTTP/1 text on a plain port; the bridge refuses them (see checkRequestHead).
  it.each([
    ['HTTP/2.0', 'GET /v2 HTTP/2.0\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['no version (HTTP/0.9)', 'GET /v09\r\n\r\n'],
  ])('refuses a request line with %s instead of handing it to the app', async (_version, bytes) => {
    const before = target.seen.length;
    const reply = await sendRaw(target.port, bytes);
    expect([400, 505]).toContain(reply.status);
    expect(target.seen.length).toBe(before);
  });
});
