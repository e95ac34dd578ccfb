import { rfc3339 } from './dates.js';
import type { ResolvedEntry } from './sitemap-entry.js';
import { urlElement } from './sitemap-entry.js';
import { element, XML_DECLARATION } from './xml.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/**
 * A `<urlset>` document (sitemaps.org 0.9) of `entries`.
 *
 * @example
 * ```ts
 * urlset([{ loc: 'https://example.com/', lastmod: undefined, changefreq: undefined, priority: undefined }]);
 * ```
 */
export function urlset(entries: readonly ResolvedEntry[]): string {
  const urls = entries.map(urlElement).join('\n');
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NS}">\n${urls}\n</urlset>\n`;
}

/** One sitemap an index lists: where it is, and when its latest page changed. */
export interface IndexedSitemap {
  readonly loc: string;
  readonly lastmod: Date | undefined;
}

/**
 * A `<sitemapindex>` document listing `sitemaps`.
 *
 * @example
 * ```ts
 * sitemapIndex([{ loc: 'https://example.com/sitemap-1.xml', lastmod: undefined }]);
 * ```
 */
export function sitemapIndex(sitemaps: readonly IndexedSitemap[]): string {
  const items = sitemaps
    .map(
      (sitemap) =>
        `<sitemap>${element('loc', sitemap.loc)}${element('lastmod', sitemap.lastmod && rfc3339(sitemap.lastmod))}</sitemap>`,
    )
    .join('\n');
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n${items}\n</sitemapindex>\n`;
}
