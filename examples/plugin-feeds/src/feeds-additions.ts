import type { SitemapSource } from './sources.js';
import type { FeedUrls } from './urls.js';

/** `app.feeds`: what the app adds to the plugin after using it. */
export interface FeedsRegistry {
  /**
   * Adds a source of sitemap entries: the pages with params, from the app's data. Sources are called
   * in the order added, on each request for the sitemap.
   *
   * @example
   * ```ts
   * app.feeds.addToSitemap(async (c) => (await articles.all()).map((a) => ({ loc: c.feeds.url('article', { slug: a.slug }), lastmod: a.updated })));
   * ```
   */
  addToSitemap(source: SitemapSource): void;
}

/**
 * What `feeds()` adds, in the framework's plugin types: `c.feeds` on every request, `app.feeds` on the
 * app. Only what `app.use(feeds(...))` returns has them: an app without the plugin has neither, at
 * compile time.
 */
export interface FeedsAdditions {
  context: { feeds: FeedUrls };
  app: { feeds: FeedsRegistry };
}
