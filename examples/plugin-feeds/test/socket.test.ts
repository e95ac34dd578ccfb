// Over a real socket (supertest on `toNodeHandler`): absolute URLs from what the server puts in the
// scope, so behind a trusted proxy they are the ones clients use, and from anyone else's headers never.
import type { App } from '@flagon/gateway';
import { toNodeHandler } from '@flagon/gateway';
import { parseTrustedProxies, withProxyHeaders } from '@flagon/gateway/server';
import { parseFeed } from '@rowanmanning/feed-parser';
import supertest from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../example/app.js';
import { capturedLogger } from './apps.js';
import { schemaErrors, wellFormednessErrors } from './xml-checks.js';

/** What nginx sends for https://blog.example.com/blog/... (it takes `/blog` off the path). */
const PROXIED = {
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'blog.example.com',
  'x-forwarded-prefix': '/blog',
  'x-forwarded-for': '203.0.113.9',
};

function served(app: App, options: { rootPath?: string } = {}) {
  return supertest(toNodeHandler(app, { ...options, logger: capturedLogger().logger }));
}

function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!);
}

describe('behind a trusted proxy (withProxyHeaders, as `flagon-gateway serve --proxy-headers`)', () => {
  const agent = served(withProxyHeaders(createApp(), parseTrustedProxies('127.0.0.1,::1')));

  it('the sitemap lists the URLs the proxy serves: its scheme, host and path prefix', async () => {
    const res = await agent.get('/sitemap.xml').set(PROXIED);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(await schemaErrors(res.text, 'urlset')).toEqual([]);
    expect(locs(res.text).slice(0, 3)).toEqual([
      'https://blog.example.com/blog/',
      'https://blog.example.com/blog/about',
      'https://blog.example.com/blog/articles/feeds-and-sitemaps',
    ]);
  });

  it('the feeds link to themselves and to the articles under the same origin and prefix', async () => {
    const rss = await agent.get('/feed.xml').set(PROXIED);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(await wellFormednessErrors(rss.text)).toEqual([]);
    const feed = parseFeed(rss.text);
    expect([feed.url, feed.self]).toEqual([
      'https://blog.example.com/blog/',
      'https://blog.example.com/blog/feed.xml',
    ]);
    expect(feed.items[0]?.url).toBe('https://blog.example.com/blog/articles/feeds-and-sitemaps');
    const atom = parseFeed((await agent.get('/atom.xml').set(PROXIED)).text);
    expect(atom.self).toBe('https://blog.example.com/blog/atom.xml');
  });

  it('answers 304 over the socket to a current If-None-Match', async () => {
    const first = await agent.get('/atom.xml').set(PROXIED);
    const again = await agent.get('/atom.xml').set(PROXIED).set('if-none-match', String(first.headers.etag));
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
  });
});

describe('without a trusted proxy', () => {
  it("a client's forwarded headers change nothing: the URLs are the server's own", async () => {
    const res = await served(createApp()).get('/sitemap.xml').set(PROXIED);
    const [home] = locs(res.text);
    expect(home).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('a root path the server mounts the app under is in every URL', async () => {
    const res = await served(createApp(), { rootPath: '/blog' }).get('/blog/sitemap.xml');
    expect(res.status).toBe(200);
    expect(locs(res.text)[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/blog\/about$/);
  });

  it('with baseUrl, the URLs are fixed whatever Host the client sends', async () => {
    const agent = served(createApp({ baseUrl: 'https://www.example.org/news/' }));
    const res = await agent.get('/feed.xml').set('host', 'evil.example');
    const feed = parseFeed(res.text);
    expect(feed.self).toBe('https://www.example.org/news/feed.xml');
    expect(
      feed.items.map((item) => item.url).every((url) => url?.startsWith('https://www.example.org/news/')),
    ).toBe(true);
    expect(res.text).not.toContain('evil.example');
  });
});
