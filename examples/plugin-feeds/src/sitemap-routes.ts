import type { PluginHost } from '@flagon/framework';
import { HTTPException } from '@flagon/framework';
import { conditionalResponse } from './conditional.js';
import { latest } from './dates.js';
import type { FeedsAdditions } from './feeds-additions.js';
import type { SitemapSettings } from './options.js';
import { routeEntries } from './route-entries.js';
import type { ResolvedEntry } from './sitemap-entry.js';
import { resolveEntry } from './sitemap-entry.js';
import { sitemapIndex, urlset } from './sitemap-xml.js';
import type { FeedsContext, SitemapSource } from './sources.js';
import { collect } from './sources.js';

/** The sitemap's media type: sitemaps are plain XML documents. */
export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

/**
 * Adds the sitemap's routes to `host`: `settings.path` serves a `<urlset>` of every entry, or, past
 * `maxUrls` entries, a `<sitemapindex>` of pages served at `settings.pagePattern` (`/sitemap-1.xml`...).
 *
 * @example
 * ```ts
 * addSitemapRoutes(host, settings, sources);
 * ```
 */
export function addSitemapRoutes(
  host: PluginHost<FeedsAdditions, {}>,
  settings: SitemapSettings,
  sources: readonly SitemapSource[],
): void {
  const pageUrl = (c: FeedsContext, page: number) =>
    c.feeds.absolute(settings.pagePattern.replace(':page', String(page)));

  host.get(settings.path, { name: 'feeds_sitemap' }, async (c) => {
    const entries = await sitemapEntries(c, settings, sources);
    if (entries.length <= settings.maxUrls)
      return conditionalResponse(
        c,
        urlset(entries),
        SITEMAP_CONTENT_TYPE,
        latest(entries.map((e) => e.lastmod)),
      );
    const sitemaps = pages(entries, settings.maxUrls).map((page, index) => ({
      loc: pageUrl(c, index + 1),
      lastmod: latest(page.map((entry) => entry.lastmod)),
    }));
    const lastModified = latest(sitemaps.map((sitemap) => sitemap.lastmod));
    return conditionalResponse(c, sitemapIndex(sitemaps), SITEMAP_CONTENT_TYPE, lastModified);
  });

  host.get(settings.pagePattern, { name: 'feeds_sitemap_page' }, async (c) => {
    const number = (c.params as { page: string }).page;
    const entries = await sitemapEntries(c, settings, sources);
    // Pages exist only while the entries need an index; `/sitemap-01.xml` is not page 1.
    const page =
      /^[1-9]\d{0,8}$/.test(number) && entries.length > settings.maxUrls
        ? pages(entries, settings.maxUrls)[Number(number) - 1]
        : undefined;
    if (page === undefined) throw new HTTPException(404);
    return conditionalResponse(
      c,
      urlset(page),
      SITEMAP_CONTENT_TYPE,
      latest(page.map((entry) => entry.lastmod)),
    );
  });
}

/** The routes' entries, then each source's, checked, absolute, the first of each URL kept. */
async function sitemapEntries(
  c: FeedsContext,
  settings: SitemapSettings,
  sources: readonly SitemapSource[],
): Promise<ResolvedEntry[]> {
  const fromRoutes = routeEntries(appRoutes(c), settings.routes, settings.exclude, (name) =>
    c.app.urlFor(name),
  );
  const given = await Promise.all(sources.map((source) => collect(source(c))));
  const seen = new Set<string>();
  const entries: ResolvedEntry[] = [];
  for (const entry of [fromRoutes, ...given].flat()) {
    const resolved = resolveEntry(entry, (location) => c.feeds.absolute(location));
    if (seen.has(resolved.loc)) continue;
    seen.add(resolved.loc);
    entries.push(resolved);
  }
  return entries;
}

/** The app's routes (`app.routes()`, what `flagon routes` lists); read only when `routes` asks for them. */
function appRoutes(c: FeedsContext): ReturnType<FeedsContext['app']['routes']> {
  return c.app.routes();
}

function pages<T>(entries: readonly T[], size: number): T[][] {
  const all: T[][] = [];
  for (let start = 0; start < entries.length; start += size) all.push(entries.slice(start, start + size));
  return all;
}
