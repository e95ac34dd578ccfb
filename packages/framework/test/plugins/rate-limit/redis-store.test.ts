// RedisStore against a real redis-server: atomic counts, and two app processes sharing one limit.
import { Flagon } from '@flagon/framework';
import { RedisStore, rateLimit } from '@flagon/framework/rate-limit';
import { createTestClient } from '@flagon/framework/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServingCli } from '../../../../gateway/test/server/cli-process.js';
import { serveCli, stop } from '../../../../gateway/test/server/cli-process.js';
import { silent } from '../../static/fixture.js';
import type { RedisServer } from './redis-server.js';
import { redisMissing, startRedis } from './redis-server.js';

const FIXTURE = 'packages/framework/test/plugins/rate-limit/fixtures/shared-limit-app.ts:app';

describe.skipIf(redisMissing !== undefined)(
  `RedisStore against redis-server${redisMissing === undefined ? '' : ` (skipped: ${redisMissing})`}`,
  () => {
    let server: RedisServer;
    let redis: Redis;
    beforeAll(async () => {
      server = await startRedis();
      redis = new Redis({ host: '127.0.0.1', port: server.port });
    });
    afterAll(async () => {
      await redis?.quit();
      await server?.stop();
    });

    it('counts atomically: 50 hits at once are numbered 1 to 50', async () => {
      const store = new RedisStore(redis);
      const counts = await Promise.all(
        Array.from({ length: 50 }, () => store.hit('rl:test:{atomic}', 60_000)),
      );
      expect(counts.map((c) => c.current).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const keys = await redis.keys('rl:test:{atomic}:*');
      expect(keys).toHaveLength(1);
      expect(await redis.pttl(keys[0]!)).toBeGreaterThan(60_000);
    });

    it('limits an app in memory, through the plugin', async () => {
      const app = new Flagon({ logger: silent }).use(
        rateLimit({ limit: 2, window: 60, policy: 'inproc', store: new RedisStore(redis) }),
      );
      app.get('/', () => 'ok');
      const client = createTestClient(app);
      expect((await client.get('/')).status).toBe(200);
      expect((await client.get('/')).status).toBe(200);
      const refused = await client.get('/');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('ratelimit-policy')).toBe('"inproc";q=2;w=60');
    });

    // Two CLI processes loading TypeScript take a while to start on a busy machine.
    it('shares one limit between two app processes', { timeout: 60_000 }, async () => {
      let first: ServingCli | undefined;
      let second: ServingCli | undefined;
      try {
        const env = { REDIS_PORT: String(server.port) };
        [first, second] = await Promise.all([
          serveCli(FIXTURE, ['--no-access-log'], env),
          serveCli(FIXTURE, ['--no-access-log'], env),
        ]);
        const answers: { status: number; remaining: string | null; pid?: number }[] = [];
        // Alternately on each process: 4 allowed in all (not 4 each), then both refuse.
        for (const target of [first, second, first, second, first, second]) {
          const res = await fetch(target.url);
          const body = res.status === 200 ? ((await res.json()) as { pid: number }) : undefined;
          if (body === undefined) await res.arrayBuffer();
          answers.push({ status: res.status, remaining: res.headers.get('ratelimit'), pid: body?.pid });
        }
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 429, 429]);
        expect(answers.map((a) => a.remaining?.replace(/;t=\d+$/, ''))).toEqual([
          '"shared";r=3',
          '"shared";r=2',
          '"shared";r=1',
          '"shared";r=0',
          '"shared";r=0',
          '"shared";r=0',
        ]);
        expect(new Set(answers.slice(0, 4).map((a) => a.pid)).size).toBe(2);
      } finally {
        stop(first);
        stop(second);
      }
    });
  },
);
