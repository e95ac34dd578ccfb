import type { Plugin } from '@flagon/framework';
import { definePlugin } from '@flagon/framework';
import { addFeedRoutes } from './feed-routes.js';
import type { FeedsAdditions } from './feeds-additions.js';
import type { FeedsOptions } from './options.js';
import { feedsSettings } from './options.js';
import { addSitemapRoutes } from './sitemap-routes.js';
import type { SitemapSource } from './sources.js';
import { feedUrls } from './urls.js';

/**
 * Sitemaps and feeds for a Flagon app: `/sitemap.xml` (sitemaps.org 0.9, an index past 50,000 URLs)
 * from the app's routes and the sources given to `app.feeds.addToSitemap`, an RSS 2.0 and an Atom 1.0
 * feed of the items `feed.items` gives, and `c.feeds` to build absolute URLs. Options are checked here,
 * at once. A global plugin: use it on the app.
 *
 * @example
 * ```ts
 * const app = new Flagon().use(
 *   feeds({
 *     sitemap: { routes: true },
 *     feed: { title: 'Blog', description: 'News', author: { name: 'Ada' }, items: () => latestArticles() },
 *   }),
 * );
 * app.feeds.addToSitemap(() => articles.map((a) => ({ loc: `/articles/${a.slug}`, lastmod: a.updated })));
 * app.get('/', (c) => ({ feed: c.feeds.url('feeds_rss') }));
 * ```
 */
export function feeds(options: FeedsOptions = {}): Plugin<FeedsAdditions> {
  const settings = feedsSettings(options);
  return definePlugin<FeedsAdditions>({
    name: 'feeds',
    global: true,
    setup(host) {
      // One list per app the plugin is used on, even when one `feeds(...)` value serves several apps.
      const sources: SitemapSource[] = [];
      host.provide('feeds', (c) => feedUrls(c, settings.baseUrl));
      host.decorate('feeds', {
        addToSitemap(source: SitemapSource): void {
          if (typeof source !== 'function')
            throw new TypeError('app.feeds.addToSitemap: a source is a function');
          sources.push(source);
        },
      });
      if (settings.sitemap !== undefined) addSitemapRoutes(host, settings.sitemap, sources);
      if (settings.feed !== undefined) addFeedRoutes(host, settings.feed);
    },
  });
}
