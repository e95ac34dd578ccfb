// What setCookie refuses at once, so no cookie fails at send time or is dropped by the browser.
import { describe, expect, it } from 'vitest';
import { Flagon, Response } from '../../src/index.js';
import { serve } from './helpers.js';

describe('setCookie refuses at once what could not be sent or kept', () => {
  it.each([
    [{ path: '/日本' }, /Invalid cookie path "\/日本"/],
    [{ path: '/a\tb' }, /Invalid cookie path/],
    [{ domain: 'a b,c' }, /Invalid cookie domain "a b,c": a host name/],
    [{ domain: 'exämple.test' }, /Invalid cookie domain/],
    [{ maxAge: 1e21 }, /Invalid cookie maxAge 1e\+21/],
    [{ sameSite: 'None', secure: false }, /a SameSite=None cookie must be Secure/],
    [{ partitioned: true, secure: false }, /a partitioned cookie must be Secure/],
  ] as const)('%j', (options, message) => {
    // Once accepted: the Node bridge then failed the response (a 500), and browsers dropped the others.
    expect(() => new Response('x').setCookie('sid', 'v', options)).toThrow(message);
  });

  it('takes host names, IP addresses and a leading dot as domains, and sends them', async () => {
    const app = new Flagon();
    app.get('/', () =>
      new Response('ok')
        .setCookie('a', '1', { domain: '.example.test', path: '/app/v1.2' })
        .setCookie('b', '2', { domain: '10.0.0.1', sameSite: 'None' }),
    );
    const res = await (await serve(app)).request({ path: '/' });
    expect(res.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value)).toEqual([
      'a=1; Path=/app/v1.2; Domain=.example.test; HttpOnly; SameSite=Lax',
      'b=2; Path=/; Domain=10.0.0.1; HttpOnly; SameSite=None; Secure',
    ]);
  });
});

describe('deleteCookie', () => {
  it('deletes a partitioned (CHIPS) cookie with a partitioned, Secure expiry', async () => {
    const app = new Flagon();
    app.post('/leave', () =>
      new Response('bye').deleteCookie('embed', { partitioned: true, sameSite: 'None' }),
    );
    const res = await (await serve(app)).request({ method: 'POST', path: '/leave' });
    expect(res.header('set-cookie')).toBe(
      'embed=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=None; Secure; Partitioned',
    );
  });
});
