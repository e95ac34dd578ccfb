// The request id over a real socket, behind the reference server: the header the client gets is the id
// the handler saw, and (with a server whose access log offers response headers) the id in the log line.
import { Flagon } from '@flagon/framework';
import { requestId } from '@flagon/framework/request-id';
import { createLogger } from '@flagon/gateway/core';
import { serve } from '@flagon/gateway/server';
import { describe, expect, it } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The line docs/request-id.md gives for `--access-log-format`, with the request's own header beside it. */
const FORMAT = '"%(r)s" %(s)s %({x-request-id}i)s %({x-request-id}o)s';

function app() {
  // Trusted only from a proxy that says so, as a load balancer that sets the header would.
  const flagon = new Flagon().use(requestId({ trust: (_id, c) => c.request.headers.has('x-via-lb') }));
  flagon.get('/', (c) => ({ id: c.requestId }));
  return flagon;
}

async function serveLogged(extra: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const options = {
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('error', () => {}),
    accessLog: (line: string) => lines.push(line),
    ...extra,
  };
  return { server: await serve(app(), options), lines };
}

describe('requestId over a real socket', () => {
  it('sends the id the handler saw, made fresh or reused from a trusted proxy', async () => {
    const { server, lines } = await serveLogged();
    try {
      const made = await fetch(server.url, { headers: { 'x-request-id': 'from-a-client' } });
      const madeId = ((await made.json()) as { id: string }).id;
      expect(madeId).toMatch(UUID);
      expect(made.headers.get('x-request-id')).toBe(madeId);

      const reused = await fetch(server.url, { headers: { 'x-request-id': 'lb-1234', 'x-via-lb': '1' } });
      expect(await reused.json()).toEqual({ id: 'lb-1234' });
      expect(reused.headers.get('x-request-id')).toBe('lb-1234');
    } finally {
      await server.drain();
    }
    expect(lines).toHaveLength(2);
  });

  it('is in the access log line with %({x-request-id}o)s', async () => {
    const { server, lines } = await serveLogged({ accessLogFormat: FORMAT });
    let id: string;
    try {
      const res = await fetch(server.url, { headers: { 'x-request-id': 'from-a-client' } });
      id = ((await res.json()) as { id: string }).id;
    } finally {
      await server.drain();
    }
    expect(lines).toEqual([`"GET / HTTP/1.1" 200 from-a-client ${id}`]);
  });
});
