// What json(), text(), html() and redirect() put on the wire, and the header values no server can send.
import { describe, expect, it } from 'vitest';
import { Flagon, html, json, Response, redirect, text } from '../../src/index.js';
import { serve } from './helpers.js';

describe('response helpers', () => {
  it('keep their content type when the init names it undefined', async () => {
    const app = new Flagon();
    app.get('/j', () => json({ a: 1 }, { status: 201, contentType: undefined }));
    app.get('/t', () => text('hi', { contentType: undefined }));
    app.get('/h', () => html('<p>hi</p>', { contentType: undefined }));
    const t = await serve(app);
    const types = [];
    for (const path of ['/j', '/t', '/h']) types.push((await t.request({ path })).header('content-type'));
    expect(types).toEqual(['application/json', 'text/plain; charset=utf-8', 'text/html; charset=utf-8']);
  });

  it('redirect() percent-encodes an IRI location (non-ASCII, spaces), keeps what is encoded', async () => {
    const app = new Flagon();
    app.get('/go', () => redirect('/日本/a b?q=café&x=%41'));
    const t = await serve(app);
    const res = await t.request({ path: '/go' });
    // Once sent raw: the Node bridge refused the header (a 500) where the test client saw a redirect.
    expect([res.status, res.header('location')]).toEqual([
      302,
      '/%E6%97%A5%E6%9C%AC/a%20b?q=caf%C3%A9&x=%41',
    ]);
    expect(() => redirect('/a\r\nset-cookie: x=1')).toThrow(TypeError);
    expect(() => redirect('/\ud800')).toThrow(/lone surrogate/);
  });

  it('refuses header values no server can send, when they are set rather than when they fail to go out', () => {
    expect(() => new Response('x', { headers: { 'x-name': 'José' } })).not.toThrow(); // Latin-1 is fine
    expect(() => new Response('x', { headers: { 'x-name': '日本' } })).toThrow(
      'Invalid value for header "x-name": only tab, printable ASCII and Latin-1 characters can go on the wire; encode others (percent-encoding, RFC 8187)',
    );
    expect(() => new Response('x').headers.set('x-bell', 'a\u0007')).toThrow(TypeError);
    expect(() => new Response('x').headers.set('x-tab', 'a\tb')).not.toThrow();
  });
});
