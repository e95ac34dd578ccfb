import { HTTPException } from '../../errors.js';
import type { Request } from '../../request.js';
import { MemoryStore } from './memory-store.js';
import type { RateLimitStore } from './store.js';
import type { RateLimitAlgorithm, RateLimitState } from './window.js';
import { rateLimitState } from './window.js';

/** What a rate limiter reads of a request's context: the request (its client address, headers...). */
export interface RateLimitContext {
  readonly request: Request;
}

/** Options of {@link rateLimiter} and the `rateLimit` plugin. */
export interface RateLimitOptions<C extends RateLimitContext = RateLimitContext> {
  /** Hits allowed per window. Required. */
  limit: number;
  /** The window's length in seconds. Required. */
  window: number;
  /** `'sliding'` (the two-window estimate, the default) or `'fixed'`. */
  algorithm?: RateLimitAlgorithm;
  /**
   * Who is counted: the client's address by default (`c.request.client.host`: behind a proxy, run the
   * server with `--proxy-headers` so it is the real client's), or a key of the app's own (a user id, an
   * API key). Requests without an address share the key `unknown`.
   */
  key?: (c: C) => string | Promise<string>;
  /** Where hits are counted. Defaults to a new {@link MemoryStore} (this process only). */
  store?: RateLimitStore;
  /** The policy's name in the `RateLimit-Policy` and `RateLimit` headers and in store keys. Defaults to `'default'`. */
  policy?: string;
  /** Requests not counted at all (health checks...). None by default. */
  skip?: (c: C) => boolean;
}

/** A rate limit checked by hand: in a handler, or as a `before` hook on one blueprint. */
export interface RateLimiter<C extends RateLimitContext = RateLimitContext> {
  /** Counts the request and says where its client stands. */
  check(c: C): Promise<RateLimitState | undefined>;
  /**
   * Counts the request and throws `HTTPException(429)` with `Retry-After` and the `RateLimit` headers
   * when it is over the limit (the app's `errorHandler(429)` may answer it).
   */
  enforce(c: C): Promise<void>;
  /** The `RateLimit-Policy` and `RateLimit` headers for a state (draft-ietf-httpapi-ratelimit-headers-11). */
  headersFor(state: RateLimitState): [string, string][];
  /** The `429` for a state over the limit, with `Retry-After` and the `RateLimit` headers. */
  refusal(state: RateLimitState): HTTPException;
}

const POLICY_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * A rate limiter: `limit` hits per `window` seconds for each client (or key), counted in `store`.
 * The `rateLimit` plugin applies one to an app's or a blueprint's routes; a limiter alone guards one
 * route (`await limiter.enforce(c)` in its handler).
 *
 * @example
 * ```ts
 * const logins = rateLimiter({ limit: 5, window: 60, policy: 'login' });
 * app.post('/login', async (c) => {
 *   await logins.enforce(c); // 429 with Retry-After past 5 a minute
 *   return 'welcome';
 * });
 * ```
 */
export function rateLimiter<C extends RateLimitContext = RateLimitContext>(
  options: RateLimitOptions<C>,
): RateLimiter<C> {
  const { limit, window } = options;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new TypeError(`rateLimit: limit must be an integer >= 1, got ${limit}`);
  if (!Number.isFinite(window) || window <= 0 || !Number.isInteger(window * 1000))
    throw new TypeError(`rateLimit: window must be a number of seconds > 0, got ${window}`);
  const algorithm = options.algorithm ?? 'sliding';
  if (algorithm !== 'fixed' && algorithm !== 'sliding')
    throw new TypeError(
      `rateLimit: algorithm must be 'fixed' or 'sliding', got ${JSON.stringify(algorithm)}`,
    );
  const policy = options.policy ?? 'default';
  if (!POLICY_NAME.test(policy))
    throw new TypeError(
      `rateLimit: policy must be 1-64 letters, digits, _ . or -, got ${JSON.stringify(policy)}`,
    );
  const windowMs = window * 1000;
  const store = options.store ?? new MemoryStore();
  const keyOf = options.key ?? ((c: C) => c.request.client?.host ?? 'unknown');
  const skip = options.skip;
  const policyHeader = `"${policy}";q=${limit};w=${window}`;

  const headersFor = (state: RateLimitState): [string, string][] => [
    ['ratelimit-policy', policyHeader],
    ['ratelimit', `"${policy}";r=${state.remaining};t=${state.resetSeconds}`],
  ];
  const check = async (c: C): Promise<RateLimitState | undefined> => {
    if (skip?.(c) === true) return undefined;
    const key = await keyOf(c);
    if (typeof key !== 'string')
      throw new TypeError(`rateLimit: key() must return a string, got ${typeof key}`);
    // The hash tag keeps a key's windows in one Redis Cluster slot.
    const counts = await store.hit(`rl:${policy}:{${key}}`, windowMs);
    return rateLimitState(algorithm, limit, windowMs, counts);
  };
  const refusal = (state: RateLimitState): HTTPException =>
    new HTTPException(429, 'Too Many Requests', {
      headers: [['retry-after', String(state.resetSeconds)], ...headersFor(state)],
    });
  return {
    check,
    headersFor,
    refusal,
    async enforce(c) {
      const state = await check(c);
      if (state?.limited === true) throw refusal(state);
    },
  };
}
