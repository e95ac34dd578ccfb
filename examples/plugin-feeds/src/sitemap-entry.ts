import { rfc3339, validDate } from './dates.js';
import { element } from './xml.js';

/** How often a page is likely to change (sitemaps.org 0.9: a hint, not a command). */
export type ChangeFreq = 'always' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly' | 'never';

const CHANGE_FREQS: ReadonlySet<string> = new Set([
  'always',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'never',
]);

/** One page of the sitemap. */
export interface SitemapEntry {
  /** The page: an absolute http(s) URL (`c.feeds.url(...)`), or a path of the app (`/about`). */
  loc: string;
  /** When the page last changed: written as a W3C datetime (`2026-12-07T20:33:31Z`). */
  lastmod?: Date;
  changefreq?: ChangeFreq;
  /** From 0.0 to 1.0, relative to the site's other pages (0.5 when not given, says the protocol). */
  priority?: number;
}

/** A sitemap entry checked and with its `loc` made absolute, ready to be written. */
export interface ResolvedEntry {
  readonly loc: string;
  readonly lastmod: Date | undefined;
  readonly changefreq: ChangeFreq | undefined;
  readonly priority: number | undefined;
}

/** The protocol's bound on a URL's length (`tLoc` in sitemap.xsd). */
const MAX_LOC_LENGTH = 2048;

/**
 * `entry` checked against the protocol (an absolute URL of at most 2,048 characters, a valid date, a
 * known `changefreq`, a `priority` from 0 to 1), its `loc` made absolute by `absolute`; a `TypeError`
 * naming the entry otherwise.
 *
 * @example
 * ```ts
 * resolveEntry({ loc: '/about', priority: 0.8 }, (path) => `https://example.com${path}`).loc; // 'https://example.com/about'
 * ```
 */
export function resolveEntry(entry: SitemapEntry, absolute: (location: string) => string): ResolvedEntry {
  if (typeof entry?.loc !== 'string')
    throw new TypeError(`feeds: a sitemap entry needs a loc, got ${JSON.stringify(entry)}`);
  const loc = absolute(entry.loc);
  if (loc.length > MAX_LOC_LENGTH)
    throw new TypeError(
      `feeds: sitemap loc ${loc.slice(0, 80)}... is longer than ${MAX_LOC_LENGTH} characters`,
    );
  const { changefreq, priority } = entry;
  if (changefreq !== undefined && !CHANGE_FREQS.has(changefreq))
    throw new TypeError(
      `feeds: sitemap entry ${loc}: changefreq ${JSON.stringify(changefreq)} is not one of ${[...CHANGE_FREQS].join(', ')}`,
    );
  if (priority !== undefined && !(typeof priority === 'number' && priority >= 0 && priority <= 1))
    throw new TypeError(
      `feeds: sitemap entry ${loc}: priority must be a number from 0 to 1, got ${String(priority)}`,
    );
  const lastmod =
    entry.lastmod === undefined ? undefined : validDate(entry.lastmod, `sitemap entry ${loc}: lastmod`);
  return { loc, lastmod, changefreq, priority };
}

/**
 * The `<url>` element of an entry.
 *
 * @example
 * ```ts
 * urlElement({ loc: 'https://example.com/', lastmod: undefined, changefreq: 'daily', priority: 1 });
 * // '<url><loc>https://example.com/</loc><changefreq>daily</changefreq><priority>1.0</priority></url>'
 * ```
 */
export function urlElement(entry: ResolvedEntry): string {
  return `<url>${element('loc', entry.loc)}${element('lastmod', entry.lastmod && rfc3339(entry.lastmod))}${element(
    'changefreq',
    entry.changefreq,
  )}${element('priority', entry.priority === undefined ? undefined : decimal(entry.priority))}</url>`;
}

/** A priority as an XML Schema decimal (never `1e-7`): at most three decimals. */
function decimal(priority: number): string {
  return priority
    .toFixed(3)
    .replace(/(\.\d)0+$/, '$1')
    .replace(/(\.\d*[1-9])0+$/, '$1');
}
