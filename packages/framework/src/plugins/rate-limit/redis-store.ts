import type { RateLimitStore, WindowCounts } from './store.js';

/**
 * The part of an ioredis client the store uses (typed here, so the framework never imports ioredis):
 * `eval(script, numKeys, ...keysAndArgs)`. An ioredis `Redis` or `Cluster` fits as it is.
 */
export interface RedisEvalClient {
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}

// One script, so the count is atomic across every process: the window is read off Redis's own clock
// (TIME), so machines whose clocks differ still share the same windows; each window's counter expires
// two windows on, when the sliding estimate no longer reads it.
const HIT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local windowMs = tonumber(ARGV[1])
local window = math.floor(now / windowMs)
local current = redis.call('INCR', KEYS[1] .. ':' .. window)
if current == 1 then redis.call('PEXPIRE', KEYS[1] .. ':' .. window, windowMs * 2) end
local previous = tonumber(redis.call('GET', KEYS[1] .. ':' .. (window - 1)) or '0')
return { current, previous, now }
`;

/**
 * Counts hits in Redis, so several workers and machines share one limit. Each hit is one `EVAL` of a
 * small Lua script (atomic: no two processes read the same count). Keys are `key:<window>`, with `key`
 * holding its client part in a hash tag (`rl:{1.2.3.4}`), so on a Redis Cluster a key's windows share a slot.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const store = new RedisStore(new Redis(process.env.REDIS_URL));
 * app.use(rateLimit({ limit: 100, window: 60, store }));
 * ```
 */
export class RedisStore implements RateLimitStore {
  constructor(readonly client: RedisEvalClient) {
    if (typeof client?.eval !== 'function')
      throw new TypeError('RedisStore needs a Redis client with eval() (an ioredis client)');
  }

  async hit(key: string, windowMs: number): Promise<WindowCounts> {
    const reply = await this.client.eval(HIT, 1, key, windowMs);
    if (!Array.isArray(reply) || reply.length !== 3)
      throw new Error(`RedisStore: unexpected reply ${JSON.stringify(reply)} from the rate-limit script`);
    const [current, previous, now] = reply.map(Number) as [number, number, number];
    return { current, previous, now };
  }
}
