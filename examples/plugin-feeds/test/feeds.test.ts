// The RSS and Atom feeds, through the test client: parsed back by @rowanmanning/feed-parser, checked
// well-formed by libxml2, with the right media types, date formats, escaping and conditional GETs.
import { Flagon } from '@flagon/framework';
import { createTestClient } from '@flagon/framework/testing';
import { parseFeed } from '@rowanmanning/feed-parser';
import { feeds } from 'flagon-plugin-feeds';
import { describe, expect, it } from 'vitest';
import { createApp } from '../example/app.js';
import { ARTICLES } from '../example/articles.js';
import { capturedLogger, HOSTILE_ITEM, HOSTILE_TITLE } from './apps.js';
import { wellFormednessErrors } from './xml-checks.js';

const RFC_822 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Every text of element `name` in `xml`, in order. */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((match) => match[1]!);
}

/** XML character data decoded: what any XML parser makes of it. */
function xmlDecoded(text: string): string {
  const entities: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => entities[name]!);
}

describe('the example blog, through the test client', () => {
  const client = createTestClient(createApp());

  it('serves its articles as RSS 2.0 that a feed parser reads back', async () => {
    const res = await client.get('/feed.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const xml = await res.text();
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const feed = parseFeed(xml);
    expect(feed.meta).toEqual({ type: 'rss', version: '2.0' });
    expect(feed.title).toBe('The Flagon blog');
    expect(feed.url).toBe('http://testserver/');
    expect(feed.self).toBe('http://testserver/feed.xml');
    expect(feed.language).toBe('en');
    expect(feed.items.map((item) => [item.title, item.url, item.id])).toEqual(
      ARTICLES.map((a) => [
        a.title,
        `http://testserver/articles/${a.slug}`,
        `http://testserver/articles/${a.slug}`,
      ]),
    );
    expect(feed.items.map((item) => item.published)).toEqual(ARTICLES.map((a) => a.published));
    // With content given, RSS's description carries it: the HTML a reader renders.
    expect(feed.items[0]?.description).toBe(ARTICLES[0]?.body);
    // RFC 822 dates, as RSS 2.0 asks, for the items and the channel's last build (the latest update).
    expect(texts(xml, 'pubDate')).toEqual(ARTICLES.map((a) => a.published.toUTCString()));
    for (const date of [...texts(xml, 'pubDate'), ...texts(xml, 'lastBuildDate')])
      expect(date).toMatch(RFC_822);
    expect(texts(xml, 'lastBuildDate')).toEqual(['Tue, 01 Dec 2026 10:30:00 GMT']);
  });

  it('serves the same articles as Atom 1.0, with RFC 3339 dates', async () => {
    const res = await client.get('/atom.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(await wellFormednessErrors(xml)).toEqual([]);
    const feed = parseFeed(xml);
    expect(feed.meta).toEqual({ type: 'atom', version: '1.0' });
    expect([feed.title, feed.url, feed.self]).toEqual([
      'The Flagon blog',
      'http://testserver/',
      'http://testserver/atom.xml',
    ]);
    expect(feed.authors.map((author) => [author.name, author.email])).toEqual([
      ['The Flagon team', 'team@example.com'],
    ]);
    expect(feed.updated).toEqual(new Date('2026-12-01T10:30:00Z'));
    expect(feed.items.map((item) => [item.title, item.url, item.updated, item.published])).toEqual(
      ARTICLES.map((a) => [a.title, `http://testserver/articles/${a.slug}`, a.updated, a.published]),
    );
    expect(feed.items[1]?.description).toBe(ARTICLES[1]?.summary);
    for (const date of [...texts(xml, 'updated'), ...texts(xml, 'published')]) expect(date).toMatch(RFC_3339);
  });

  it('announces its Atom feed on the home page, and serves the articles the feed links to', async () => {
    const home = await (await client.get('/')).text();
    expect(home).toContain(
      '<link rel="alternate" type="application/atom+xml" href="http://testserver/atom.xml">',
    );
    const feed = parseFeed(await (await client.get('/atom.xml')).text());
    for (const item of feed.items)
      expect((await client.get(new URL(item.url ?? '').pathname)).status).toBe(200);
    expect((await client.get('/articles/nope')).status).toBe(404);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await client.get('/atom.xml');
    const head = await client.head('/atom.xml');
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(await head.text()).toBe('');
  });
});

describe('escaping: what an item says stays text', () => {
  const client = createTestClient(
    new Flagon().use(
      feeds({
        feed: {
          title: 'Feed & <friends>',
          description: 'a "quoted" one',
          author: { name: '<Ada>', email: 'ada@example.com' },
          items: () => [HOSTILE_ITEM, { ...HOSTILE_ITEM, link: '/summary-only', content: undefined }],
        },
      }),
    ),
  );
  // The NUL cannot be in an XML document: it comes out as U+FFFD, the rest as it was.
  const expectedTitle = HOSTILE_TITLE.replace('\u0000', '\uFFFD');

  for (const path of ['/feed.xml', '/atom.xml']) {
    it(`${path}: a title with markup, "]]>" and a NUL parses back as the same text`, async () => {
      const xml = await (await client.get(path)).text();
      expect(await wellFormednessErrors(xml)).toEqual([]);
      expect(xml).not.toMatch(/<script|<img|<!\[CDATA\[|<friends>/);
      expect(xml).not.toContain('\u0000');
      const feed = parseFeed(xml);
      expect(feed.title).toBe('Feed & <friends>');
      expect(feed.items[0]?.title).toBe(expectedTitle);
      expect(feed.items[0]?.url).toBe('http://testserver/articles/hostile?a=1&b=2');
      expect(feed.items[0]?.categories.map((category) => category.term)).toEqual(['<b>tag</b>']);
    });
  }

  it('RSS: a plain-text summary reaches readers HTML-escaped, so its markup is shown, never run', async () => {
    const xml = await (await client.get('/feed.xml')).text();
    // A description, once XML-decoded, is the HTML a reader renders: trusted content as is, a summary
    // escaped (its `<img>` is text on the page).
    const descriptions = [...xml.matchAll(/<item>.*?<description>(.*?)<\/description>/g)].map((m) =>
      xmlDecoded(m[1]!),
    );
    expect(descriptions).toEqual([
      '<p>Trusted <em>HTML</em> body</p>',
      '&lt;img src=x onerror=alert(1)&gt; ]]&gt; &lt;![CDATA[ inside ]]&gt;',
    ]);
    // The parser reads HTML descriptions as text: the summary comes back as it was written.
    expect(parseFeed(xml).items[1]?.description).toBe(HOSTILE_ITEM.summary);
  });

  it('Atom: the summary is type="text" and the trusted content type="html"', async () => {
    const xml = await (await client.get('/atom.xml')).text();
    expect(xml).toContain(
      '<summary type="text">&lt;img src=x onerror=alert(1)&gt; ]]&gt; &lt;![CDATA[ inside ]]&gt;</summary>',
    );
    expect(xml).toContain(
      '<content type="html">&lt;p&gt;Trusted &lt;em&gt;HTML&lt;/em&gt; body&lt;/p&gt;</content>',
    );
    expect(parseFeed(xml).items[0]?.description).toBe(HOSTILE_ITEM.summary);
  });
});

describe('conditional GET', () => {
  const client = createTestClient(createApp());

  it('sends ETag and Last-Modified (the latest update), and 304 for a client whose copy is current', async () => {
    const first = await client.get('/feed.xml');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('last-modified')).toBe('Tue, 01 Dec 2026 10:30:00 GMT');

    const byTag = await client.get('/feed.xml', { headers: { 'if-none-match': `"other", W/${etag}` } });
    expect(byTag.status).toBe(304);
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(await byTag.text()).toBe('');

    const byDate = await client.get('/feed.xml', {
      headers: { 'if-modified-since': 'Tue, 01 Dec 2026 10:30:00 GMT' },
    });
    expect(byDate.status).toBe(304);
  });

  it('sends the feed again when it changed since, or when the tag differs (whatever the date says)', async () => {
    const older = await client.get('/feed.xml', {
      headers: { 'if-modified-since': 'Tue, 01 Dec 2026 10:29:59 GMT' },
    });
    expect(older.status).toBe(200);
    const otherTag = await client.get('/atom.xml', {
      headers: { 'if-none-match': '"stale"', 'if-modified-since': 'Tue, 01 Dec 2026 10:30:00 GMT' },
    });
    expect(otherTag.status).toBe(200);
    expect(parseFeed(await otherTag.text()).items).toHaveLength(ARTICLES.length);
    const garbage = await client.get('/atom.xml', { headers: { 'if-modified-since': 'yesterday' } });
    expect(garbage.status).toBe(200);
  });

  it('gives a changed feed a new ETag', async () => {
    const articles = [...ARTICLES];
    const app = createApp({ articles });
    const live = createTestClient(app);
    const before = (await live.get('/atom.xml')).headers.get('etag');
    articles[0] = { ...ARTICLES[0]!, title: 'Retitled', updated: new Date('2026-12-05T00:00:00Z') };
    const after = await live.get('/atom.xml', { headers: { 'if-none-match': before ?? '' } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(after.headers.get('last-modified')).toBe('Sat, 05 Dec 2026 00:00:00 GMT');
  });
});

describe('bad items', () => {
  it('answer 500 without details, and the log names the item and what is wrong', async () => {
    const { logger, lines } = capturedLogger();
    const app = new Flagon({ logger }).use(
      feeds({
        feed: {
          title: 'Broken',
          description: 'items with an invalid date',
          author: { name: 'Ada' },
          items: async () => [{ title: 'No date', link: '/x', updated: new Date('not a date') }],
        },
      }),
    );
    const res = await createTestClient(app).get('/feed.xml');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/No date|feeds:|at /);
    expect(lines.join('')).toContain('feeds: feed item "No date": updated must be a valid Date');
  });
});
