import { describe, expect, it } from 'vitest';
import type { ObservedAnswer } from '../harness/answer-check.js';
import { cookieHeader, preparedRequest } from '../harness/prepared-request.js';
import type { BenchRequest } from '../harness/scenarios.js';

const request: BenchRequest = { method: 'GET', path: '/session', headers: { accept: 'application/json' } };
const setup: BenchRequest = { method: 'GET', path: '/flash' };
const answer = (status: number, setCookies: string[]): ObservedAnswer => ({
  status,
  contentType: 'text/plain',
  body: '',
  setCookies,
});

describe('cookieHeader', () => {
  it('keeps each cookie’s name and value and drops its attributes', () => {
    expect(cookieHeader(['session=abc; Path=/; HttpOnly', 'session.sig=x=y; path=/'])).toBe(
      'session=abc; session.sig=x=y',
    );
  });
});

describe('preparedRequest', () => {
  it('is the scenario’s own request when it has no setup', async () => {
    const sent: BenchRequest[] = [];
    const prepared = await preparedRequest({ request }, async (r) => {
      sent.push(r);
      return answer(200, []);
    });
    expect(prepared).toBe(request);
    expect(sent).toEqual([]);
  });

  it('sends the setup request once and carries the cookies it set', async () => {
    const sent: BenchRequest[] = [];
    const prepared = await preparedRequest({ request, setup }, async (r) => {
      sent.push(r);
      return answer(200, ['session=abc.def; Path=/; HttpOnly', 'session.sig=xyz; Path=/']);
    });
    expect(sent).toEqual([setup]);
    expect(prepared).toEqual({
      method: 'GET',
      path: '/session',
      headers: { accept: 'application/json', cookie: 'session=abc.def; session.sig=xyz' },
    });
  });

  it('says why when the setup request fails or sets no cookie', async () => {
    await expect(preparedRequest({ request, setup }, async () => answer(404, []))).rejects.toThrow(
      'the setup request GET /flash answered 404',
    );
    await expect(preparedRequest({ request, setup }, async () => answer(200, []))).rejects.toThrow(
      'the setup request GET /flash set no cookie',
    );
  });
});
