import type { FeedAuthor } from './feed-item.js';
import type { RouteSelection } from './route-entries.js';
import type { FeedItemSource } from './sources.js';
import { checkBaseUrl } from './urls.js';

/** Options of `feeds(options)`. */
export interface FeedsOptions {
  /**
   * The origin and path every absolute URL starts with, e.g. `'https://example.com/blog'`. Default: the
   * request's scheme, `Host` and root path, which a client chooses unless a proxy in front sets them:
   * give it in production when the app is reachable under several names.
   */
  baseUrl?: string;
  /** The sitemap, or `false` for none. Default: `/sitemap.xml` with the entries `app.feeds.addToSitemap` gives. */
  sitemap?: SitemapOptions | false;
  /** The RSS and Atom feed. Default: none. */
  feed?: FeedOptions;
}

/** Options of the sitemap. */
export interface SitemapOptions {
  /** Where it is served. Default `'/sitemap.xml'`; the pages of an index at `/sitemap-1.xml`, ... */
  path?: string;
  /**
   * Pages listed from the app's routes: `true` for every `GET` route without params, or their endpoint
   * names. Default `false` (only what the sources give).
   */
  routes?: RouteSelection;
  /** Endpoint names left out when `routes` is `true` (the login page, a health check...). Default none. */
  exclude?: readonly string[];
  /** URLs per sitemap: past it, `path` serves a sitemap index. Default and most: 50,000 (the protocol's bound). */
  maxUrls?: number;
}

/** Options of the feed, served as RSS 2.0 and Atom 1.0. */
export interface FeedOptions {
  title: string;
  /** RSS's `description`, Atom's `subtitle`. */
  description: string;
  /** The feed's author (Atom requires one). */
  author: FeedAuthor;
  /** The items, newest first. */
  items: FeedItemSource;
  /** The page the feed is about: a path of the app or an http(s) URL. Default `'/'`. */
  link?: string;
  /** Atom's permanent feed id, an IRI. Default: the absolute `link`. */
  id?: string;
  /** The feed's language, `'en'`, `'fr-CA'`. Default none. */
  language?: string;
  /** Where the RSS feed is served, `false` for none. Default `'/feed.xml'`. */
  rssPath?: string | false;
  /** Where the Atom feed is served, `false` for none. Default `'/atom.xml'`. */
  atomPath?: string | false;
}

/** The sitemap's options checked. */
export interface SitemapSettings {
  readonly path: string;
  /** The route pattern of an index's pages: `/sitemap-:page.xml`. */
  readonly pagePattern: string;
  readonly routes: RouteSelection;
  readonly exclude: ReadonlySet<string>;
  readonly maxUrls: number;
}

/** All options checked once, when the plugin is made. */
export interface FeedsSettings {
  readonly baseUrl: string | undefined;
  readonly sitemap: SitemapSettings | undefined;
  readonly feed:
    | (FeedOptions & { readonly rssPath: string | false; readonly atomPath: string | false })
    | undefined;
}

/** The protocol's bound on the URLs of one sitemap. */
export const MAX_SITEMAP_URLS = 50_000;

/**
 * `options` checked: a `TypeError` saying what is wrong with a path, a bound or a missing feed field.
 *
 * @example
 * ```ts
 * feedsSettings({ sitemap: { maxUrls: 0 } }); // throws: maxUrls must be an integer from 1 to 50000
 * ```
 */
export function feedsSettings(options: FeedsOptions): FeedsSettings {
  const sitemap = options.sitemap === false ? undefined : sitemapSettings(options.sitemap ?? {});
  const feed = options.feed === undefined ? undefined : feedSettings(options.feed);
  const paths = [sitemap?.path, sitemap?.pagePattern, feed?.rssPath, feed?.atomPath].filter(
    (path) => typeof path === 'string',
  );
  const twice = paths.find((path, index) => paths.indexOf(path) !== index);
  if (twice !== undefined) throw new TypeError(`feeds(): two documents would be served at ${twice}`);
  return { baseUrl: checkBaseUrl(options.baseUrl), sitemap, feed };
}

function sitemapSettings(options: SitemapOptions): SitemapSettings {
  const path = routePath(options.path ?? '/sitemap.xml', 'sitemap.path');
  const maxUrls = options.maxUrls ?? MAX_SITEMAP_URLS;
  if (!Number.isInteger(maxUrls) || maxUrls < 1 || maxUrls > MAX_SITEMAP_URLS)
    throw new TypeError(
      `feeds(): sitemap.maxUrls must be an integer from 1 to ${MAX_SITEMAP_URLS}, got ${maxUrls}`,
    );
  const routes = options.routes ?? false;
  if (
    typeof routes !== 'boolean' &&
    !(Array.isArray(routes) && routes.every((name) => typeof name === 'string'))
  )
    throw new TypeError('feeds(): sitemap.routes must be true, false or a list of endpoint names');
  const pagePattern = path.endsWith('.xml') ? `${path.slice(0, -4)}-:page.xml` : `${path}-:page`;
  return { path, pagePattern, routes, exclude: new Set(options.exclude ?? []), maxUrls };
}

function feedSettings(options: FeedOptions): NonNullable<FeedsSettings['feed']> {
  for (const field of ['title', 'description'] as const) {
    if (typeof options[field] !== 'string' || options[field] === '')
      throw new TypeError(`feeds(): feed.${field} must be a non-empty string`);
  }
  if (typeof options.author?.name !== 'string' || options.author.name === '')
    throw new TypeError('feeds(): feed.author needs a name (an Atom feed must have an author)');
  if (typeof options.items !== 'function')
    throw new TypeError('feeds(): feed.items must be a function giving the items');
  const rssPath =
    options.rssPath === false ? false : routePath(options.rssPath ?? '/feed.xml', 'feed.rssPath');
  const atomPath =
    options.atomPath === false ? false : routePath(options.atomPath ?? '/atom.xml', 'feed.atomPath');
  if (rssPath === false && atomPath === false)
    throw new TypeError('feeds(): feed.rssPath and feed.atomPath are both false');
  return { ...options, rssPath, atomPath };
}

function routePath(path: string, option: string): string {
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~\-/]*[A-Za-z0-9._~-]$/.test(path))
    throw new TypeError(
      `feeds(): ${option} must be a plain path such as "/sitemap.xml", got ${JSON.stringify(path)}`,
    );
  return path;
}
