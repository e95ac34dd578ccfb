import type { Plugin } from '../plugin.js';
import { definePlugin } from '../plugin.js';
import type { RateLimitOptions } from './limiter.js';
import { rateLimiter } from './limiter.js';
import type { RateLimitState } from './window.js';

/**
 * Limits how often each client (or key) may call the routes of the app or blueprint it is used on:
 * past `limit` hits a `window`, a `429 Too Many Requests` with `Retry-After`; every response says where
 * the client stands in `RateLimit-Policy` and `RateLimit` headers (draft-ietf-httpapi-ratelimit-headers-11).
 * On a blueprint it counts that blueprint's routes only; several limits (one per `policy`) may be used
 * together. Hits are counted in memory unless a `store` is given (`RedisStore` to share one limit).
 *
 * @example
 * ```ts
 * import { Flagon } from '@flagon/framework';
 * import { rateLimit } from '@flagon/framework/rate-limit';
 *
 * const app = new Flagon().use(rateLimit({ limit: 100, window: 60 }));
 * app.get('/', () => 'hello');
 * ```
 */
export function rateLimit(options: RateLimitOptions): Plugin {
  const limiter = rateLimiter(options);
  const states = new WeakMap<object, RateLimitState>();
  return definePlugin({
    // One plugin per policy: an app may stack a per-second and a per-hour limit.
    name: `rate-limit:${options.policy ?? 'default'}`,
    setup(host) {
      host.before(async (c) => {
        const state = await limiter.check(c);
        if (state === undefined) return;
        states.set(c, state);
        if (state.limited) throw limiter.refusal(state);
      });
      host.after((c, response) => {
        const state = states.get(c);
        // A refused request's 429 carries its headers already (from the HTTPException).
        if (state === undefined || state.limited) return;
        for (const [name, value] of limiter.headersFor(state)) response.headers.append(name, value);
      });
    },
  });
}
