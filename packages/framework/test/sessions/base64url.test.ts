// Base64url text as a session cookie's payload is read: UTF-8 or nothing, on Node's fast path as in
// the portable TextDecoder it stands in for.
import { describe, expect, it } from 'vitest';
import { base64UrlToText, fromBase64Url, textToBase64Url } from '../../src/sessions/base64url.js';

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
