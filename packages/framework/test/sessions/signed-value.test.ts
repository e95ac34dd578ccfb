// The signed values behind session cookies, on both HMAC paths: node:crypto answers at once (no promise
// per request), Web Crypto (Bun, Deno without node:crypto) through a promise, and both must agree.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../gateway/test/hostile/fuzz-runs.js';
import { hmacSign, hmacVerify, useNodeHmac } from '../../src/sessions/hmac.js';
import { type CheckedValue, signValue, verifyValue } from '../../src/sessions/signed-value.js';
import { SECRET } from './helpers.js';

const NOW = 1_800_000_000;
const PURPOSE = 'flagon.session';
const current = { current: SECRET, fallbacks: ['old-key', 'older-key'] };
const rotated = { current: 'new-key', fallbacks: ['old-key', SECRET] };

/** What each path gives for the same call: node:crypto's value as returned, Web Crypto's as returned. */
function bothPaths<T>(call: () => T | Promise<T>): { node: T | Promise<T>; web: T | Promise<T> } {
  expect(useNodeHmac(true)).toBe(true);
  const node = call();
  useNodeHmac(false);
  return { node, web: call() };
}

afterEach(() => {
  useNodeHmac(true);
});

describe('signed values on node:crypto and on Web Crypto', () => {
  it('sign synchronously on node:crypto, to the same value Web Crypto gives', async () => {
    const { node, web } = bothPaths(() => signValue('eyJkIjp7fX0', PURPOSE, current, NOW));
    expect(typeof node).toBe('string');
    expect(web).toBeInstanceOf(Promise);
    expect(node).toBe(await web);
    expect(node).toMatch(/^eyJkIjp7fX0\.tro8w0\.[\w-]{43}$/);
  });

  it('verify synchronously on node:crypto, with the same answers as Web Crypto', async () => {
    useNodeHmac(false);
    const signed = await signValue('eyJkIjp7fX0', PURPOSE, current, NOW);
    const tampered = `eyJkIjp7InUiOjF9fQ${signed.slice(signed.indexOf('.'))}`;
    const cases: [string, () => CheckedValue | Promise<CheckedValue>][] = [
      ['current key', () => verifyValue(signed, PURPOSE, current, 60, NOW + 1)],
      ['a fallback key', () => verifyValue(signed, PURPOSE, rotated, 60, NOW + 1)],
      ['no key', () => verifyValue(signed, PURPOSE, { current: 'x', fallbacks: ['y'] }, 60, NOW)],
      ['another purpose', () => verifyValue(signed, 'flagon.session-id', current, 60, NOW)],
      ['tampered', () => verifyValue(tampered, PURPOSE, current, 60, NOW)],
      ['expired', () => verifyValue(signed, PURPOSE, current, 60, NOW + 60)],
      ['malformed', () => verifyValue('no-dots', PURPOSE, current, 60, NOW)],
    ];
    const answers: Record<string, CheckedValue> = {};
    for (const [label, call] of cases) {
      const { node, web } = bothPaths(call);
      expect(node, label).not.toBeInstanceOf(Promise);
      // Web Crypto answers through a promise once there is a signature to check.
      if (label !== 'malformed') expect(web, label).toBeInstanceOf(Promise);
      expect(node, label).toEqual(await web);
      answers[label] = await web;
    }
    expect(answers).toEqual({
      'current key': { payload: 'eyJkIjp7fX0', issuedAt: NOW, byFallback: false },
      'a fallback key': { payload: 'eyJkIjp7fX0', issuedAt: NOW, byFallback: true },
      'no key': { refused: 'bad signature' },
      'another purpose': { refused: 'bad signature' },
      tampered: { refused: 'bad signature' },
      expired: { refused: 'expired' },
      malformed: { refused: 'malformed' },
    });
  });

  it('accept a signature in the spelling they write only, on both paths', async () => {
    useNodeHmac(false);
    const signed = await signValue('eyJkIjp7fX0', PURPOSE, current, NOW);
    const signature = signed.slice(signed.lastIndexOf('.') + 1);
    // 32 bytes in 43 characters leave the last one 2 spare bits: set, they decode to the same bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const respelled = `${signed.slice(0, -1)}${alphabet[last | 1]}`;
    expect(last & 3).toBe(0);
    expect(Buffer.from(respelled.slice(-43), 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    const { node, web } = bothPaths(() => verifyValue(respelled, PURPOSE, current, 60, NOW));
    expect(node).toEqual({ refused: 'bad signature' });
    expect(await web).toEqual({ refused: 'bad signature' });
  });
});

describe('the time a value was signed', () => {
  it('is written in base 36 for each second, and only read back as written', () => {
    // Two seconds in a row from one process: the text kept for a second must not outlive it.
    for (const at of [NOW, NOW + 1, NOW + 1, NOW + 36]) {
      const signed = signValue('eyJ9', PURPOSE, current, at) as string;
      expect(signed.split('.')[1]).toBe(at.toString(36));
      expect(verifyValue(signed, PURPOSE, current, 60, at)).toEqual({
        payload: 'eyJ9',
        issuedAt: at,
        byFallback: false,
      });
    }
    // Correctly signed, but not as signValue writes a time (parseInt would read the first three as that time).
    for (const time of [
      NOW.toString(36).toUpperCase(),
      ` ${NOW.toString(36)}`,
      `+${NOW.toString(36)}`,
      '',
      'z'.repeat(11),
    ]) {
      const unsigned = `eyJ9.${time}`;
      const signed = `${unsigned}.${hmacSign(SECRET, `${PURPOSE}.${unsigned}`) as string}`;
      expect(verifyValue(signed, PURPOSE, current, 60, NOW), time).toEqual({ refused: 'expired' });
    }
  });
});

describe('hmacVerify', () => {
  it('takes what hmacSign wrote and nothing else, the same on node:crypto and Web Crypto', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 80 }),
        fc.string({ maxLength: 200 }),
        fc.nat(42),
        async (secret, message, at) => {
          const { node, web } = bothPaths(() => hmacSign(secret, message));
          const signature = await web;
          expect(node).toBe(signature);
          const wrong = `${signature.slice(0, at)}${signature[at] === 'A' ? 'B' : 'A'}${signature.slice(at + 1)}`;
          for (const [candidate, valid] of [
            [signature, true],
            [wrong, false],
            [signature.slice(1), false],
            [`${signature}A`, false],
          ] as const) {
            const checked = bothPaths(() => hmacVerify(secret, message, candidate));
            expect(checked.node, candidate).toBe(valid);
            expect(await checked.web, candidate).toBe(valid);
          }
        },
      ),
      { numRuns: fuzzRuns(50) },
    );
  });
});
