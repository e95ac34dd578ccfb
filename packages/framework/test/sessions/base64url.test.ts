// Base64url text as a session cookie's payload is read: UTF-8 or nothing, on Node's fast path as in
// the portable TextDecoder it stands in for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzRuns } from '../../../gateway/test/hostile/fuzz-runs.js';
import {
  base64UrlToText,
  fromBase64Url,
  signedBase64UrlToText,
  textToBase64Url,
} from '../../src/sessions/base64url.js';

const encoded = (bytes: number[]): string => Buffer.from(bytes).toString('base64url');

describe('base64UrlToText', () => {
  it('gives back any text, as the fatal TextDecoder reads it', () => {
    for (const text of ['{"d":{"n":1}}', 'Grüße, 東京 🎉', '', '\uFEFF{"bom":1}', 'a\uFEFFb']) {
      const bytes = fromBase64Url(textToBase64Url(text));
      expect(bytes).toBeDefined();
      const expected = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(base64UrlToText(textToBase64Url(text))).toBe(expected);
    }
    expect(base64UrlToText(textToBase64Url('\uFEFF{}'))).toBe('{}');
  });

  it('refuses bytes that are not UTF-8, and text that is not base64url', () => {
    expect(base64UrlToText(encoded([0x7b, 0xff, 0x7d]))).toBeUndefined();
    expect(base64UrlToText(encoded([0xed, 0xa0, 0x80]))).toBeUndefined(); // a UTF-16 surrogate
    expect(base64UrlToText(encoded([0xe2, 0x82]))).toBeUndefined(); // cut short
    expect(base64UrlToText('eyJ9+')).toBeUndefined();
    expect(base64UrlToText('a')).toBeUndefined();
  });
});

describe('signedBase64UrlToText', () => {
  it('reads what textToBase64Url wrote as base64UrlToText does, for any JSON a session holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string({ unit: 'grapheme' })), (value) => {
        const json = JSON.stringify({ d: { value } });
        const encoded = textToBase64Url(json);
        expect(signedBase64UrlToText(encoded)).toBe(json);
        expect(base64UrlToText(encoded)).toBe(json);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });
});
