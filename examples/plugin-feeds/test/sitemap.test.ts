// The sitemap, through the test client: valid against the sitemaps.org 0.9 schema (libxml2), absolute
// URLs, routes listed on request, an index past the URL limit, escaping, conditional GETs, bad entries.
import { Flagon } from '@flagon/framework';
import { createTestClient } from '@flagon/framework/testing';
import type { SitemapEntry } from 'flagon-plugin-feeds';
import { feeds, MAX_SITEMAP_URLS } from 'flagon-plugin-feeds';
import { describe, expect, it } from 'vitest';
import { createApp } from '../example/app.js';
import { ARTICLES } from '../example/articles.js';
import { capturedLogger } from './apps.js';
import { schemaErrors } from './xml-checks.js';

/** The `<loc>`s of a sitemap or an index, in order. */
function locs(xml: string): string[] {
  return [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]!);
}

/** An app whose sitemap lists `count` pages from a source, `maxUrls` per sitemap. */
function manyPages(count: number, maxUrls?: number) {
  const app = new Flagon().use(feeds({ sitemap: { maxUrls } }));
  app.feeds.addToSitemap(function* () {
    for (let n = 1; n <= count; n++) yield { loc: `/p/${n}`, lastmod: new Date(Date.UTC(2026, 0, n)) };
  });
  return createTestClient(app);
}

describe('the example blog, through the test client', () => {
  const client = createTestClient(createApp());

  it('lists its pages without params and each article, as a valid sitemaps.org 0.9 urlset', async () => {
    const res = await client.get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const xml = await res.text();
    expect(await schemaErrors(xml, 'urlset')).toEqual([]);
    // Not the plugin's own feeds, nor the sitemap itself, nor the route with a param.
    expect(locs(xml)).toEqual([
      'http://testserver/',
      'http://testserver/about',
      ...ARTICLES.map((a) => `http://testserver/articles/${a.slug}`),
    ]);
    expect(xml).toContain(
      '<url><loc>http://testserver/articles/hello</loc><lastmod>2026-11-01T12:00:00Z</lastmod><changefreq>monthly</changefreq></url>',
    );
    expect(res.headers.get('last-modified')).toBe('Tue, 01 Dec 2026 10:30:00 GMT');
  });

  it('answers 304 to a client that has the current sitemap', async () => {
    const etag = (await client.get('/sitemap.xml')).headers.get('etag') ?? '';
    const again = await client.get('/sitemap.xml', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await client.get('/sitemap.xml', { headers: { 'if-none-match': '"old"' } })).status).toBe(200);
  });

  it('has no index pages while one sitemap holds everything', async () => {
    expect((await client.get('/sitemap-1.xml')).status).toBe(404);
  });
});

describe('routes in the sitemap', () => {
  function routedApp(routes: boolean | readonly string[], exclude?: readonly string[]) {
    const { logger, lines } = capturedLogger();
    const app = new Flagon({ logger }).use(feeds({ sitemap: { routes, exclude } }));
    app.get('/', { name: 'home' }, () => 'home');
    app.get('/login', { name: 'login' }, () => 'login');
    app.post('/notes', { name: 'create_note' }, () => 'created');
    app.get('/notes/:id', { name: 'note' }, () => 'note');
    app.get('/{:lang/}docs', { name: 'docs' }, () => 'docs');
    return { client: createTestClient(app), lines };
  }

  it('are left out unless asked for', async () => {
    const xml = await (await routedApp(false).client.get('/sitemap.xml')).text();
    // An empty urlset, then (which the schema refuses: a sitemap lists one page at least).
    expect(locs(xml)).toEqual([]);
  });

  it('with `true`: every GET route without params, but the excluded ones', async () => {
    const xml = await (await routedApp(true, ['login']).client.get('/sitemap.xml')).text();
    expect(await schemaErrors(xml, 'urlset')).toEqual([]);
    expect(locs(xml)).toEqual(['http://testserver/']);
  });

  it('by name: exactly those, and a name that is no GET route without params is a logged error', async () => {
    const named = await routedApp(['login', 'home']).client.get('/sitemap.xml');
    expect(locs(await named.text())).toEqual(['http://testserver/login', 'http://testserver/']);
    const { client, lines } = routedApp(['home', 'note']);
    const res = await client.get('/sitemap.xml');
    expect(res.status).toBe(500);
    expect(lines.join('')).toContain(
      'feeds: sitemap route "note" is not a GET route without params of the app',
    );
  });
});

describe('more URLs than one sitemap holds', () => {
  it('serves a sitemap index of pages, each a valid urlset, past maxUrls', async () => {
    const client = manyPages(5, 2);
    const index = await (await client.get('/sitemap.xml')).text();
    expect(await schemaErrors(index, 'sitemapindex')).toEqual([]);
    expect(locs(index)).toEqual([1, 2, 3].map((n) => `http://testserver/sitemap-${n}.xml`));
    // Each page's lastmod is its latest entry's.
    expect(index).toContain(
      '<loc>http://testserver/sitemap-2.xml</loc><lastmod>2026-01-04T00:00:00Z</lastmod>',
    );
    const pages = await Promise.all(
      [1, 2, 3].map(async (n) => (await client.get(`/sitemap-${n}.xml`)).text()),
    );
    for (const page of pages) expect(await schemaErrors(page, 'urlset')).toEqual([]);
    expect(pages.map(locs)).toEqual([
      ['http://testserver/p/1', 'http://testserver/p/2'],
      ['http://testserver/p/3', 'http://testserver/p/4'],
      ['http://testserver/p/5'],
    ]);
    for (const missing of ['/sitemap-4.xml', '/sitemap-0.xml', '/sitemap-01.xml', '/sitemap-x.xml'])
      expect((await client.get(missing)).status, missing).toBe(404);
  });

  it(`by default past the protocol's ${MAX_SITEMAP_URLS} URLs, and not at them`, async () => {
    const full = await (await manyPages(MAX_SITEMAP_URLS).get('/sitemap.xml')).text();
    expect(full.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset ')).toBe(true);
    expect(locs(full)).toHaveLength(MAX_SITEMAP_URLS);
    const client = manyPages(MAX_SITEMAP_URLS + 1);
    const index = await (await client.get('/sitemap.xml')).text();
    expect(locs(index)).toEqual(['http://testserver/sitemap-1.xml', 'http://testserver/sitemap-2.xml']);
    const last = await (await client.get('/sitemap-2.xml')).text();
    expect(locs(last)).toEqual([`http://testserver/p/${MAX_SITEMAP_URLS + 1}`]);
  });
});

describe('entries', () => {
  function sitemapOf(entries: SitemapEntry[]) {
    const { logger, lines } = capturedLogger();
    const app = new Flagon({ logger }).use(feeds());
    app.feeds.addToSitemap(async () => entries);
    return { client: createTestClient(app), lines };
  }

  it('are escaped and percent-encoded, deduplicated, and may be absolute URLs elsewhere', async () => {
    const { client } = sitemapOf([
      { loc: "/search?q=tom&jerry='1'<2>", priority: 0.85 },
      { loc: '/café', priority: 1, changefreq: 'daily' },
      { loc: 'https://cdn.example.com/a.pdf', priority: 0 },
      { loc: '/café' },
    ]);
    const xml = await (await client.get('/sitemap.xml')).text();
    expect(await schemaErrors(xml, 'urlset')).toEqual([]);
    expect(xml).toContain(
      '<loc>http://testserver/search?q=tom&amp;jerry=%271%27%3C2%3E</loc><priority>0.85</priority>',
    );
    expect(xml).toContain(
      '<loc>http://testserver/caf%C3%A9</loc><changefreq>daily</changefreq><priority>1.0</priority>',
    );
    expect(locs(xml)).toEqual([
      'http://testserver/search?q=tom&amp;jerry=%271%27%3C2%3E',
      'http://testserver/caf%C3%A9',
      'https://cdn.example.com/a.pdf',
    ]);
  });

  it.each([
    ['a priority of 2', { loc: '/x', priority: 2 }, 'priority must be a number from 0 to 1, got 2'],
    [
      'an unknown changefreq',
      { loc: '/x', changefreq: 'often' as never },
      'changefreq "often" is not one of',
    ],
    ['an invalid lastmod', { loc: '/x', lastmod: new Date('nope') }, 'lastmod must be a valid Date'],
    ['a javascript: loc', { loc: 'javascript:alert(1)' }, 'is neither a path of the app nor an http(s) URL'],
    ['a loc past 2,048 characters', { loc: `/${'x'.repeat(2048)}` }, 'is longer than 2048 characters'],
  ])('%s answers 500, and the log says why', async (_label, entry, why) => {
    const { client, lines } = sitemapOf([entry]);
    const res = await client.get('/sitemap.xml');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('feeds:');
    expect(lines.join('')).toContain(why);
  });
});
