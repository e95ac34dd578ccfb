import { describe, expect, it } from 'vitest';
import { answerMismatches, normalizeContentType } from '../harness/answer-check.js';
import { SCENARIOS } from '../harness/scenarios.js';

describe('normalizeContentType', () => {
  it('spells equivalent content types the same way', () => {
    expect(normalizeContentType('text/plain;charset=UTF-8')).toBe('text/plain; charset=utf-8');
    expect(normalizeContentType('application/json')).toBe('application/json; charset=utf-8');
    expect(normalizeContentType('Application/JSON; charset=utf-8')).toBe('application/json; charset=utf-8');
  });

  it('keeps differences that matter', () => {
    expect(normalizeContentType('text/plain')).toBe('text/plain');
    expect(normalizeContentType('text/html; charset=iso-8859-1')).toBe('text/html; charset=iso-8859-1');
  });
});

describe('answerMismatches', () => {
  const expected = { status: 200, contentType: 'text/plain; charset=utf-8', body: 'Hello, World!' };

  it('finds nothing wrong with the expected answer', () => {
    expect(
      answerMismatches(expected, { status: 200, contentType: expected.contentType, body: 'Hello, World!' }),
    ).toEqual([]);
  });

  it('names each difference', () => {
    const mismatches = answerMismatches(expected, { status: 500, contentType: 'text/html', body: 'oops' });
    expect(mismatches).toEqual([
      'status 500, expected 200',
      'content type text/html, expected text/plain; charset=utf-8',
      'body differs: got 4 bytes "oops", expected 13 bytes "Hello, World!"',
    ]);
  });

  it('compares only the status where each framework answers its own way', () => {
    expect(
      answerMismatches({ status: 404 }, { status: 404, contentType: 'text/html', body: '<h1>Nope</h1>' }),
    ).toEqual([]);
    expect(answerMismatches({ status: 404 }, { status: 200, contentType: null, body: '' })).toEqual([
      'status 200, expected 404',
    ]);
  });
});

describe('answerMismatches on a session page', () => {
  const field = (token: string) => `<input type="hidden" name="csrf_token" value="${token}">`;
  const expected = {
    status: 200,
    body: `<form>${field('token')}</form>`,
    setsCookie: 'session',
    volatile: /<input type="hidden" name="csrf_token" value="[^"<>]*">/g,
  };
  const page = (body: string, setCookies: string[] = ['session=abc.sig; Path=/']) => ({
    status: 200,
    contentType: 'text/html',
    body,
    setCookies,
  });

  it('takes any token in the masked field, and wants the session cookie set', () => {
    expect(answerMismatches(expected, page(`<form>${field('a1B2-c3')}</form>`))).toEqual([]);
    expect(answerMismatches(expected, page(`<form>${field('x')}</form>`, ['other=1']))).toEqual([
      'no Set-Cookie for session',
    ]);
  });

  it('still sees a missing field, or text around it that differs', () => {
    expect(answerMismatches(expected, page('<form></form>'))).toEqual([
      'body differs: got 13 bytes "<form></form>", expected 23 bytes "<form><volatile></form>"',
      '0 parts match /<input type="hidden" name="csrf_token" value="[^"<>]*">/g, expected 1',
    ]);
    expect(answerMismatches(expected, page(`<form>${field('t')}</form>!`))).toHaveLength(1);
  });

  it('quotes a long body from where it parts from the expected one', () => {
    const long = 'x'.repeat(500);
    const [mismatch] = answerMismatches({ status: 200, body: `${long}abc` }, page(`${long}abd`));
    expect(mismatch).toContain('(from character 482)');
    expect(mismatch).toContain('"xxxxxxxxxxxxxxxxxxabd"');
  });
});

describe('answerMismatches on the plugin scenarios', () => {
  const plugins = SCENARIOS.find((scenario) => scenario.id === 'plugins')!.expected;
  const compressed = SCENARIOS.find((scenario) => scenario.id === 'compressed')!.expected;
  const pluginHeaders = {
    'access-control-allow-origin': 'https://app.example',
    'x-request-id': '0f6f1a52-4c1e-4a57-9a53-5a3a5f7b5d0e',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    ratelimit: '"default";r=999999999;t=60',
  };
  const answer = (headers: Record<string, string>, expected = plugins) => ({
    status: 200,
    contentType: expected.contentType ?? null,
    body: expected.body ?? '',
    headers,
  });

  it('takes an answer with every plugin header, the rate limit under any of its names', () => {
    expect(answerMismatches(plugins, answer(pluginHeaders))).toEqual([]);
    const { ratelimit, ...others } = pluginHeaders;
    expect(answerMismatches(plugins, answer({ ...others, 'x-ratelimit-limit': ratelimit }))).toEqual([]);
  });

  it('names each plugin that did not do its work', () => {
    const { 'access-control-allow-origin': _cors, ratelimit: _limit, ...others } = pluginHeaders;
    expect(answerMismatches(plugins, answer({ ...others, 'x-frame-options': 'DENY' }))).toEqual([
      'no access-control-allow-origin header, expected one matching /^https:\\/\\/app\\.example$/',
      'x-frame-options: "DENY", expected /^SAMEORIGIN$/i',
      'no header named like /^(x-)?ratelimit(-limit)?$/',
    ]);
  });

  it('wants the compressed answer gzipped and varying by Accept-Encoding', () => {
    const gzipped = { 'content-encoding': 'gzip', vary: 'Origin, Accept-Encoding' };
    expect(answerMismatches(compressed, answer(gzipped, compressed))).toEqual([]);
    expect(answerMismatches(compressed, answer({}, compressed))).toEqual([
      'no content-encoding header, expected one matching /^gzip$/',
      'no vary header, expected one matching /accept-encoding/i',
    ]);
  });
});
