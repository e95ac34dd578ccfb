// The rate-limit plugin through the public API, in memory with a clock the test moves, and over a socket.
import { Blueprint, Flagon, json } from '@flagon/framework';
import type { RateLimitOptions } from '@flagon/framework/rate-limit';
import { MemoryStore, rateLimit, rateLimiter, rateLimitState } from '@flagon/framework/rate-limit';
import { createTestClient } from '@flagon/framework/testing';
import { toNodeHandler } from '@flagon/gateway';
import { createLogger } from '@flagon/gateway/core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { silent } from '../../static/fixture.js';

/** A store on a clock the test sets: windows of 60 s start at multiples of 60 000 ms. */
function clockedStore(start = 600_000) {
  const clock = { now: start };
  return { clock, store: new MemoryStore({ now: () => clock.now }) };
}

function appWith(options: RateLimitOptions) {
  const app = new Flagon({ logger: silent }).use(rateLimit(options));
  app.get('/', () => 'ok');
  return app;
}

describe('rateLimit: fixed window', () => {
  it('answers 429 with Retry-After past the limit, and lets the client in again in the next window', async () => {
    const { clock, store } = clockedStore();
    const client = createTestClient(appWith({ limit: 3, window: 60, algorithm: 'fixed', store }));
    clock.now += 15_000; // 45 s before the window ends
    for (const remaining of [2, 1, 0]) {
      const res = await client.get('/');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
      expect(res.headers.get('ratelimit')).toBe(`"default";r=${remaining};t=45`);
    }
    const refused = await client.get('/', { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.headers.get('ratelimit')).toBe('"default";r=0;t=45');
    expect(await refused.json()).toMatchObject({ error: 'Too Many Requests' });
    clock.now += 45_000; // the next window
    const again = await client.get('/');
    expect(again.status).toBe(200);
    expect(again.headers.get('ratelimit')).toBe('"default";r=2;t=60');
  });
});

describe('rateLimit: sliding window (the two-window estimate)', () => {
  it('weighs the last window by how much of it still overlaps, so no burst of twice the limit at the edge', async () => {
    const { clock, store } = clockedStore();
    const client = createTestClient(appWith({ limit: 4, window: 60, store }));
    clock.now += 59_000;
    for (let i = 0; i < 4; i++) expect((await client.get('/')).status).toBe(200);
    // Just past the edge: a fixed window would allow 4 more now; the estimate still counts ~4.
    clock.now += 2_000; // 1 s into the next window: 4 * 59/60 = 3.93 used
    const edge = await client.get('/');
    expect(edge.status).toBe(429);
    // One more fits once 4 * (1 - t/60) + 1 (the refused hit) + 1 <= 4, at t = 30 s: 29 s from now.
    expect(edge.headers.get('retry-after')).toBe('29');
    clock.now += 29_000;
    const later = await client.get('/');
    expect(later.status).toBe(200);
    expect(later.headers.get('ratelimit')).toBe('"default";r=0;t=30');
  });

  it('rateLimitState says where a client stands from the two counts', () => {
    expect(rateLimitState('sliding', 10, 60_000, { current: 3, previous: 10, now: 90_000 })).toEqual({
      limited: false,
      limit: 10,
      remaining: 2,
      resetSeconds: 30,
    });
    expect(rateLimitState('fixed', 10, 60_000, { current: 11, previous: 10, now: 90_000 })).toMatchObject({
      limited: true,
      remaining: 0,
      resetSeconds: 30,
    });
  });
});

describe('rateLimit: who is counted, and where', () => {
  it('counts each key apart: the client address by default, or the key function', async () => {
    const byKey = createTestClient(
      appWith({ limit: 1, window: 60, key: (c) => c.request.headers.get('x-api-key') ?? 'anonymous' }),
    );
    expect((await byKey.get('/', { headers: { 'x-api-key': 'a' } })).status).toBe(200);
    expect((await byKey.get('/', { headers: { 'x-api-key': 'b' } })).status).toBe(200);
    expect((await byKey.get('/', { headers: { 'x-api-key': 'a' } })).status).toBe(429);
    const byAddress = createTestClient(appWith({ limit: 1, window: 60 }));
    expect((await byAddress.get('/', { headers: { 'x-api-key': 'a' } })).status).toBe(200);
    expect((await byAddress.get('/', { headers: { 'x-api-key': 'b' } })).status).toBe(429);
  });

  it("on a blueprint, counts that blueprint's routes only; two policies stack", async () => {
    const app = new Flagon({ logger: silent }).use(rateLimit({ limit: 5, window: 3600, policy: 'hourly' }));
    const api = new Blueprint('api', { prefix: '/api' }).use(
      rateLimit({ limit: 1, window: 60, policy: 'api' }),
    );
    api.get('/items', () => json([]));
    app.register(api);
    app.get('/home', () => 'home');
    const client = createTestClient(app);
    const first = await client.get('/api/items');
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe('"api";q=1;w=60, "hourly";q=5;w=3600');
    expect((await client.get('/api/items')).status).toBe(429);
    const home = await client.get('/home');
    expect(home.status).toBe(200);
    expect(home.headers.get('ratelimit-policy')).toBe('"hourly";q=5;w=3600');
    expect(home.headers.get('ratelimit')).toMatch(/^"hourly";r=2;t=\d+$/);
  });

  it('skips what skip() says, and lets errorHandler(429) answer, keeping the headers', async () => {
    const app = new Flagon({ logger: silent }).use(
      rateLimit({ limit: 1, window: 60, skip: (c) => c.request.path === '/health' }),
    );
    app.get('/', () => 'ok');
    app.get('/health', () => 'up');
    app.errorHandler(429, () => 'slow down');
    const client = createTestClient(app);
    for (let i = 0; i < 3; i++) expect((await client.get('/health')).status).toBe(200);
    await client.get('/');
    const refused = await client.get('/');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toBe('slow down');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
  });

  it('guards one route with a limiter of its own', async () => {
    const logins = rateLimiter({ limit: 2, window: 60, policy: 'login' });
    const app = new Flagon({ logger: silent });
    app.post('/login', async (c) => {
      await logins.enforce(c);
      return 'welcome';
    });
    app.get('/', () => 'free');
    const client = createTestClient(app);
    expect((await client.post('/login')).status).toBe(200);
    expect((await client.post('/login')).status).toBe(200);
    const refused = await client.post('/login');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-policy')).toBe('"login";q=2;w=60');
    expect((await client.get('/')).status).toBe(200);
  });

  it('refuses bad options at configuration, and a key() that is not a string at run time', async () => {
    expect(() => rateLimit({ limit: 0, window: 60 })).toThrow('limit must be an integer >= 1');
    expect(() => rateLimit({ limit: 1, window: -1 })).toThrow('window must be a number of seconds > 0');
    expect(() => rateLimit({ limit: 1, window: 1, policy: 'a"b' })).toThrow('policy must be');
    // @ts-expect-error: not an algorithm
    expect(() => rateLimit({ limit: 1, window: 1, algorithm: 'leaky' })).toThrow("'fixed' or 'sliding'");
    const logged: string[] = [];
    const logger = createLogger('error', (line) => logged.push(line));
    const app = new Flagon({ logger }).use(
      rateLimit({ limit: 1, window: 1, key: () => 42 as unknown as string }),
    );
    app.get('/', () => 'ok');
    const res = await createTestClient(app).get('/');
    expect(res.status).toBe(500);
    expect(logged.join('\n')).toContain('key() must return a string');
  });
});

describe('rateLimit over a real socket', () => {
  it('counts the client by its address and answers 429 with the headers', async () => {
    const app = appWith({ limit: 2, window: 60 });
    const agent = request(toNodeHandler(app, { logger: silent }));
    await agent
      .get('/')
      .expect(200)
      .expect('ratelimit', /^"default";r=1;t=\d+$/);
    await agent
      .get('/')
      .expect(200)
      .expect('ratelimit', /^"default";r=0;t=\d+$/);
    const refused = await agent.get('/').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
