// The request id plugin through the public API, in memory: c.requestId typed and set for every request,
// the response header, and an incoming id reused only when trusted and sane.
import { Flagon, HTTPException, json } from '@flagon/framework';
import { cors } from '@flagon/framework/cors';
import type { RequestIdOptions } from '@flagon/framework/request-id';
import { isSaneRequestId, requestId } from '@flagon/framework/request-id';
import { createTestClient } from '@flagon/framework/testing';
import { createLogger } from '@flagon/gateway/core';
import { describe, expect, expectTypeOf, it } from 'vitest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function clientWith(options?: RequestIdOptions) {
  const app = new Flagon().use(requestId(options));
  app.get('/', (c) => ({ id: c.requestId }));
  return createTestClient(app);
}

async function idsOf(client: ReturnType<typeof clientWith>, headers: Record<string, string> = {}) {
  const res = await client.get('/', { headers });
  const body = await res.json<{ id: string }>();
  return { header: res.headers.get('x-request-id'), body: body.id };
}

describe('requestId', () => {
  it('makes a fresh UUID per request: c.requestId, typed, and the X-Request-ID response header', async () => {
    const app = new Flagon().use(requestId());
    app.get('/', (c) => {
      expectTypeOf(c.requestId).toEqualTypeOf<string>();
      return { id: c.requestId };
    });
    const client = createTestClient(app);
    const first = await idsOf(client);
    const second = await idsOf(client);
    expect(first.body).toMatch(UUID);
    expect(first.header).toBe(first.body);
    expect(second.body).toMatch(UUID);
    expect(second.body).not.toBe(first.body);

    const plain = new Flagon();
    // @ts-expect-error: requestId is only on the context of an app that uses the plugin
    plain.get('/', (c) => c.requestId);
  });

  it('gives 404s, 500s and the error handlers an id too', async () => {
    const logged: string[] = [];
    const app = new Flagon({ logger: createLogger('error', (line) => logged.push(line)) }).use(requestId());
    app.get('/boom', () => {
      throw new Error('boom');
    });
    app.get('/teapot', () => {
      throw new HTTPException(418);
    });
    app.errorHandler(418, (c) => json({ error: 'teapot', id: c.requestId }, { status: 418 }));
    const client = createTestClient(app);
    const missing = await client.get('/missing');
    expect([missing.status, missing.headers.get('x-request-id')]).toEqual([404, expect.stringMatching(UUID)]);
    const failed = await client.get('/boom');
    expect([failed.status, failed.headers.get('x-request-id')]).toEqual([500, expect.stringMatching(UUID)]);
    expect(logged.join('\n')).toContain('boom');
    const teapot = await client.get('/teapot');
    expect(await teapot.json()).toEqual({ error: 'teapot', id: teapot.headers.get('x-request-id') });
  });

  it('ignores an incoming id by default: anyone can send one', async () => {
    const ids = await idsOf(clientWith(), { 'x-request-id': 'forged-by-client' });
    expect(ids.body).toMatch(UUID);
    expect(ids.header).toBe(ids.body);
  });

  it("with trust: 'always', reuses an incoming id only when it is sane", async () => {
    const client = clientWith({ trust: 'always' });
    expect(await idsOf(client, { 'x-request-id': 'lb-7f3a.42:x' })).toEqual({
      header: 'lb-7f3a.42:x',
      body: 'lb-7f3a.42:x',
    });
    for (const insane of ['has space', 'quo"te', 'a'.repeat(201), 'a,b', '<script>', '']) {
      const ids = await idsOf(client, { 'x-request-id': insane });
      expect(ids.body, insane).toMatch(UUID);
    }
    expect(isSaneRequestId('a'.repeat(200))).toBe(true);
    expect(isSaneRequestId('a'.repeat(201))).toBe(false);
  });

  it('asks a trust function with the id and the context', async () => {
    const asked: string[] = [];
    const client = clientWith({
      trust: (id, c) => {
        asked.push(`${c.request.path} ${id}`);
        return c.request.headers.get('x-from-proxy') === 'yes';
      },
    });
    expect((await idsOf(client, { 'x-request-id': 'proxy-1', 'x-from-proxy': 'yes' })).body).toBe('proxy-1');
    expect((await idsOf(client, { 'x-request-id': 'client-1' })).body).toMatch(UUID);
    expect(asked).toEqual(['/ proxy-1', '/ client-1']);
  });

  it('takes another header name and generator', async () => {
    let next = 0;
    const app = new Flagon().use(
      requestId({ header: 'X-Correlation-ID', trust: 'always', generate: () => `req-${++next}` }),
    );
    app.get('/', (c) => c.requestId);
    const client = createTestClient(app);
    const made = await client.get('/');
    expect([
      await made.text(),
      made.headers.get('x-correlation-id'),
      made.headers.has('x-request-id'),
    ]).toEqual(['req-1', 'req-1', false]);
    const reused = await client.get('/', { headers: { 'x-correlation-id': 'abc' } });
    expect(await reused.text()).toBe('abc');
  });

  it('gives an id to a request another feature answered before it (a CORS preflight)', async () => {
    const app = new Flagon().use(cors({ origin: 'https://app.example' })).use(requestId());
    app.post('/notes', () => 'saved');
    const pre = await createTestClient(app).options('/notes', {
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('x-request-id')).toMatch(UUID);
  });

  it('refuses a bad header name or trust value at setup', () => {
    expect(() => requestId({ header: 'x request id' })).toThrow(
      'requestId: "x request id" is not a header name',
    );
    expect(() => requestId({ trust: 'sometimes' as 'always' })).toThrow(
      "requestId: trust must be 'never', 'always' or a function, got sometimes",
    );
  });
});
