// flagon-plugin-feeds: sitemaps and RSS/Atom feeds for Flagon apps.
export type { FeedAuthor, FeedItem } from './feed-item.js';
export type { FeedsAdditions, FeedsRegistry } from './feeds-additions.js';
export { feeds } from './feeds-plugin.js';
export type { FeedOptions, FeedsOptions, SitemapOptions } from './options.js';
export { MAX_SITEMAP_URLS } from './options.js';
export type { RouteSelection } from './route-entries.js';
export type { ChangeFreq, SitemapEntry } from './sitemap-entry.js';
export type { FeedItemSource, FeedsContext, SitemapSource, SourceResult } from './sources.js';
export type { FeedUrls } from './urls.js';
