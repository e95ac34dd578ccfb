// Issue 26, item 5: request heads RFC 9112 refuses are refused, over a real socket, before the app runs.
import { describe, expect, it } from 'vitest';
import type { HttpApp } from '../node/helpers.js';
import { rawExchange } from '../node/helpers.js';
import { echo, serveLimited } from './limits-server.js';

/** The echo app, counting its calls: a refused head must never reach it. */
function counted(): { app: HttpApp; calls: () => number } {
  let calls = 0;
  return {
    app: async (scope, receive, send) => {
      calls++;
      await echo(scope, receive, send);
    },
    calls: () => calls,
  };
}

describe('request heads', () => {
  it.each([
    ['two Host headers', 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 'more than one Host header'],
    ['a Host with a space', 'GET / HTTP/1.1\r\nHost: a b\r\n\r\n', 'invalid Host header'],
    ['an empty Host', 'GET / HTTP/1.1\r\nHost:\r\n\r\n', 'invalid Host header'],
    ['no Host in HTTP/1.1', 'GET / HTTP/1.1\r\n\r\n', 'no Host header in an HTTP/1.1 request'],
    [
      'an absolute-form target naming another host',
      'GET http://b/x HTTP/1.1\r\nHost: a\r\n\r\n',
      'Host header differs',
    ],
    ['a * target for GET', 'GET * HTTP/1.1\r\nHost: a\r\n\r\n', 'invalid request target'],
  ])('answers 400 and closes for %s, logged with the peer', async (_name, head, reason) => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app);
    const { text, closed } = await rawExchange(port, head);
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(text).toMatch(/\r\nConnection: close\r\n/i);
    expect(closed).toBe(true);
    expect(calls()).toBe(0);
    expect(rejections()).toEqual([expect.stringContaining(`WARN rejected 400 from 127.0.0.1: ${reason}`)]);
  });

  it('answers 505 to a request line claiming HTTP/2.0 over HTTP/1 text, and logs it', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app);
    const { text, closed } = await rawExchange(port, 'GET /v2 HTTP/2.0\r\nHost: a\r\n\r\n');
    expect(text).toMatch(/^HTTP\/1\.1 505 HTTP Version Not Supported\r\n/);
    expect(closed).toBe(true);
    expect(calls()).toBe(0);
    expect(rejections()).toEqual([
      expect.stringContaining(
        'rejected 505 from 127.0.0.1: HTTP version other than 1.x on an HTTP/1 connection',
      ),
    ]);
  });

  it('answers 501 to a transfer coding before chunked, as nginx does, and the app never sees gzip bytes', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app);
    const head =
      'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n4\r\n\x1f\x8b\x08\r\n0\r\n\r\n';
    const { text, closed } = await rawExchange(port, head);
    expect(text).toMatch(/^HTTP\/1\.1 501 Not Implemented\r\n/);
    expect(closed).toBe(true);
    expect(calls()).toBe(0);
    expect(rejections()).toEqual([
      expect.stringContaining('rejected 501 from 127.0.0.1: transfer coding other than chunked (POST /)'),
    ]);
  });

  it('answers 400 (Node) to chunked not last, and logs it', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app);
    const head = 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n';
    const { text, closed } = await rawExchange(port, head);
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(closed).toBe(true);
    expect(calls()).toBe(0);
    expect(rejections()).toEqual([
      expect.stringContaining(
        'rejected 400 from 127.0.0.1: Transfer-Encoding whose last coding is not chunked',
      ),
    ]);
  });

  it('serves an absolute-form target from its path and query when Host names the same authority', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app);
    const requests = [
      `GET http://127.0.0.1:${port}/items?page=2 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
      'GET HTTP://Example.com:80?x=1 HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n',
    ];
    const { text } = await rawExchange(port, requests.join(''));
    const bodies = text.split(/HTTP\/1\.1 /).slice(1);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toMatch(/^200 OK\r\n[\s\S]*\r\n\r\n\/items page=2 $/);
    expect(bodies[1]).toMatch(/^200 OK\r\n[\s\S]*\r\n\r\n\/ x=1 $/);
    expect(calls()).toBe(2);
    expect(rejections()).toEqual([]);
  });

  it('answers OPTIONS * itself, keeping the connection', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app);
    const { text } = await rawExchange(
      port,
      'OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
    );
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(text).toMatch(/\r\n\r\n\/after {2}$/);
    expect(calls()).toBe(1);
    expect(rejections()).toEqual([]);
  });

  it('takes HTTP/1.0 without Host, and a Host with a port or an IPv6 literal', async () => {
    const { app, calls } = counted();
    const { port } = await serveLimited(app);
    for (const head of [
      'GET /old HTTP/1.0\r\n\r\n',
      'GET /v6 HTTP/1.1\r\nHost: [::1]:8000\r\nConnection: close\r\n\r\n',
      'GET /port HTTP/1.1\r\nHost: api.example.com:8443\r\nConnection: close\r\n\r\n',
    ]) {
      const { text } = await rawExchange(port, head);
      expect(text, head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    }
    expect(calls()).toBe(3);
  });

  it('judges each Host on its own: one accepted before does not let a longer or shorter one through', async () => {
    const { app, calls } = counted();
    const { port } = await serveLimited(app);
    // The server remembers the last valid Host (the usual case repeats it): only that exact text.
    const answers: string[] = [];
    for (const host of ['a.example', 'a.example b', 'a.example', 'a.exampl\x7f', 'a.example']) {
      const { text } = await rawExchange(
        port,
        `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
      );
      answers.push(text.slice(9, 12));
    }
    expect(answers).toEqual(['200', '400', '200', '400', '200']);
    expect(calls()).toBe(3);
  });
});

describe('header limits', () => {
  it('answers 431 to more header fields than maxHeaderCount, and logs it', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app, { maxHeaderCount: 10 });
    const fields = Array.from({ length: 10 }, (_, i) => `X-F${i}: ${i}\r\n`).join('');
    const { text, closed } = await rawExchange(port, `GET /many HTTP/1.1\r\nHost: a\r\n${fields}\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(closed).toBe(true);
    expect(calls()).toBe(0);
    expect(rejections()).toEqual([
      expect.stringContaining('rejected 431 from 127.0.0.1: more than 10 header fields (GET /many)'),
    ]);
    // Exactly at the limit is fine: Host, Connection and eight more.
    const ten = `GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n${fields.split('\r\n').slice(2).join('\r\n')}\r\n`;
    expect((await rawExchange(port, ten)).text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it('answers 431 to a head larger than maxHeaderSize (Node refuses it) and logs it', async () => {
    const { app, calls } = counted();
    const { port, rejections } = await serveLimited(app, { maxHeaderSize: 2048 });
    const { text, closed } = await rawExchange(
      port,
      `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(4096)}\r\n\r\n`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(closed).toBe(true);
    expect(calls()).toBe(0);
    expect(rejections()).toEqual([
      expect.stringContaining('rejected 431 from 127.0.0.1: request head larger than maxHeaderSize'),
    ]);
  });
});
