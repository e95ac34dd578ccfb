// The random bytes behind session ids, CSRF secrets and CSRF masks: drawn from the CSPRNG a pool at a
// time, and never handed out twice.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '../../src/sessions/base64url.js';
import { randomBytes } from '../../src/sessions/random-bytes.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('randomBytes', () => {
  it('hands out every byte once, across refills, with one CSPRNG call per 4 KiB', () => {
    const draw = vi.spyOn(globalThis.crypto, 'getRandomValues');
    // 300 tokens of 32 bytes: 9600 bytes, so at least two refills of the pool.
    const tokens = Array.from({ length: 300 }, () => toBase64Url(randomBytes(32)));
    expect(new Set(tokens).size).toBe(300);
    expect(tokens.every((token) => /^[\w-]{43}$/.test(token))).toBe(true);
    expect(draw.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(draw.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('gives views that later draws never overwrite', () => {
    const first = randomBytes(32);
    const copy = Uint8Array.from(first);
    for (let i = 0; i < 400; i++) randomBytes(48);
    expect(first).toEqual(copy);
  });

  it('draws a request larger than the pool on its own', () => {
    const big = randomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBeGreaterThan(200);
  });
});
