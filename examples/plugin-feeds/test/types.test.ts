// What the plugin adds, as the compiler sees it: `c.feeds` and `app.feeds` exist exactly on what
// `app.use(feeds(...))` returns, and are compile errors on an app without the plugin. `tsc` checks the
// `@ts-expect-error` lines; the run checks the same mistakes are refused or absent at run time.
import { Blueprint, Flagon } from '@flagon/framework';
import { createTestClient } from '@flagon/framework/testing';
import type { FeedItem, FeedsRegistry, FeedUrls, SitemapEntry } from 'flagon-plugin-feeds';
import { feeds } from 'flagon-plugin-feeds';
import { describe, expect, expectTypeOf, it } from 'vitest';

describe('the typed additions', () => {
  it('c.feeds and app.feeds are typed on the app the plugin is used on', async () => {
    const app = new Flagon().use(feeds());
    expectTypeOf(app.feeds).toEqualTypeOf<FeedsRegistry>();
    app.feeds.addToSitemap((c) => {
      expectTypeOf(c.feeds).toEqualTypeOf<FeedUrls>();
      return [{ loc: c.feeds.url('home') }];
    });
    app.get('/', { name: 'home' }, (c) => {
      expectTypeOf(c.feeds).toEqualTypeOf<FeedUrls>();
      return { home: c.feeds.url('home'), about: c.feeds.absolute('/about') };
    });
    const res = await createTestClient(app).get('/');
    expect(await res.json()).toEqual({ home: 'http://testserver/', about: 'http://testserver/about' });
  });

  it('are compile errors on an app without the plugin, and absent there at run time', async () => {
    const bare = new Flagon();
    // @ts-expect-error: no `app.feeds` without the plugin
    expect(bare.feeds).toBeUndefined();
    bare.get('/', (c) => {
      // @ts-expect-error: no `c.feeds` without the plugin
      return { feeds: typeof c.feeds };
    });
    expect(await (await createTestClient(bare).get('/')).json()).toEqual({ feeds: 'undefined' });
  });

  it('options and sources are checked by their types', () => {
    // @ts-expect-error: a feed needs an author (Atom requires one), and throws without one at run time
    expect(() => feeds({ feed: { title: 't', description: 'd', items: () => [] } })).toThrow(
      /feed.author needs a name/,
    );
    // @ts-expect-error: changefreq is one of the protocol's seven words
    const entry: SitemapEntry = { loc: '/', changefreq: 'often' };
    // @ts-expect-error: an item's dates are Dates, not strings
    const item: FeedItem = { title: 't', link: '/', updated: '2026-12-07' };
    expect([entry, item]).toHaveLength(2);
  });
});

describe('where the plugin may be used', () => {
  it('on the app only: it serves the whole site, so a blueprint refuses it', () => {
    expect(() => new Blueprint('blog').use(feeds())).toThrow(/works on the whole app/);
  });

  it('once per app: a second use is refused at run time (the types do not count uses)', () => {
    const app = new Flagon().use(feeds());
    expect(() => app.use(feeds())).toThrow(/already used/);
  });
});

describe('options, checked when the plugin is made', () => {
  it.each([
    [{ baseUrl: 'ftp://example.com' }, 'baseUrl must be an http(s) URL'],
    [{ baseUrl: 'https://example.com/?a=1' }, 'baseUrl must be an http(s) URL without query'],
    [{ sitemap: { maxUrls: 50_001 } }, 'sitemap.maxUrls must be an integer from 1 to 50000'],
    [{ sitemap: { path: 'sitemap.xml' } }, 'sitemap.path must be a plain path'],
    [{ sitemap: { path: '/:x.xml' } }, 'sitemap.path must be a plain path'],
    [{ sitemap: { routes: 'yes' as never } }, 'sitemap.routes must be true, false or a list'],
    [
      { feed: { title: '', description: 'd', author: { name: 'a' }, items: () => [] } },
      'feed.title must be a non-empty string',
    ],
    [
      {
        feed: {
          title: 't',
          description: 'd',
          author: { name: 'a' },
          items: () => [],
          rssPath: '/sitemap.xml',
        },
      },
      'two documents would be served at /sitemap.xml',
    ],
    [
      {
        feed: {
          title: 't',
          description: 'd',
          author: { name: 'a' },
          items: () => [],
          rssPath: false,
          atomPath: false,
        },
      },
      'feed.rssPath and feed.atomPath are both false',
    ],
  ] as const)('%o: %s', (options, message) => {
    expect(() => feeds(options as Parameters<typeof feeds>[0])).toThrow(
      new RegExp(message.replace(/[.()]/g, '\\$&')),
    );
  });
});
